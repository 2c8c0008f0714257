"""The four role groups (docs/architecture.md, Roles) with their rights, from the first migrate."""

from django.contrib.auth.management import create_permissions
from django.db import migrations


def create_role_groups(apps, schema_editor):
    from iswg_portal.accounts.roles import ensure_role_groups

    # Permissions are normally created after the last migration; the groups need them now.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    ensure_role_groups(apps)
    # Wagtail's starter groups and its starter workflow (reviewed by "Moderators") stand for
    # roles the portal does not have; the roles above replace them.
    Group = apps.get_model("auth", "Group")
    Group.objects.filter(name__in=["Editors", "Moderators"], user__isnull=True).delete()
    Workflow = apps.get_model("wagtailcore", "Workflow")
    Workflow.objects.filter(name="Moderators approval").delete()
    Task = apps.get_model("wagtailcore", "Task")
    Task.objects.filter(name="Moderators approval").delete()


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0003_organisation"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("meetings", "0002_default_meeting_time_callable"),
        ("services_map", "0004_rename_service_url_to_website"),
        ("taggit", "0006_rename_taggeditem_content_type_object_id_taggit_tagg_content_8fc721_idx"),
        ("wagtailadmin", "0006_formstate"),
        ("wagtailcore", "0098_apitoken"),
        ("wagtaildocs", "0014_alter_document_file_size"),
        ("wagtailimages", "0027_image_description"),
    ]

    operations = [migrations.RunPython(create_role_groups, migrations.RunPython.noop)]
