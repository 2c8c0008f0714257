from .helplines import Helpline, helplines_for
from .pages import AgencyPage, ServiceDirectoryPage
from .problem_reports import ProblemReport, ProblemReportLogEntry
from .search_misses import SearchMiss
from .service_details import ServiceLanguage, ServiceLocation, ServicePhone, ServiceSchedule
from .services import LegalStatus, ServicePage, ServicePopulationGroup
from .snippets import District, Language, Province, SearchTerm, ServiceCategory

__all__ = [
    "AgencyPage",
    "District",
    "Helpline",
    "Language",
    "LegalStatus",
    "ProblemReport",
    "ProblemReportLogEntry",
    "Province",
    "SearchMiss",
    "SearchTerm",
    "ServiceCategory",
    "ServiceDirectoryPage",
    "ServiceLanguage",
    "ServiceLocation",
    "ServicePage",
    "ServicePhone",
    "ServicePopulationGroup",
    "ServiceSchedule",
    "helplines_for",
]
