from .pages import AgencyPage, ServiceDirectoryPage
from .snippets import District, Province

__all__ = ["AgencyPage", "District", "Province", "ServiceDirectoryPage"]
