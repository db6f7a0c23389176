"""The queue's side of imports from the admin's page: the check, then the run."""

import shutil
import tempfile
from pathlib import Path

from django.db import transaction
from django.utils import timezone
from django_tasks import task

from .models import ImportRun


@task()
def check_import(run_id):
    """The dry run of an uploaded import: its report, nothing written."""
    return run_stored(run_id, commit=False)


@task()
def commit_import(run_id):
    """The import an editor confirmed."""
    return run_stored(run_id, commit=True)


def run_stored(run_id, *, commit):
    # Imported here: the readers' libraries (BeautifulSoup, markdownify) load
    # in the process that imports, not in every web worker that shows the admin.
    from .run import finished, run_import
    from .sources import ImportError_, open_sources

    expected = ImportRun.State.QUEUED if commit else ImportRun.State.CHECKING
    with transaction.atomic():
        # Claimed by compare-and-set: a repeated task does nothing.
        claimed = ImportRun.objects.filter(pk=run_id, state=expected).update(
            state=ImportRun.State.RUNNING if commit else expected, processed=0, updated_at=timezone.now()
        )
        if not claimed:
            return None
    run = ImportRun.objects.select_related("created_by", "confirmed_by", "section").get(pk=run_id)
    folder = Path(tempfile.mkdtemp(prefix="newsroom-upload-"))
    try:
        local = folder / Path(run.label).name
        with run.upload.open("rb") as stored, open(local, "wb") as out:
            shutil.copyfileobj(stored, out)
        with open_sources([local], labels=[run.label]) as sources:
            run.format = " ".join(sorted({source.format for source in sources}))
            run.save(update_fields=["format"])
            report = run_import(
                sources,
                user=(run.confirmed_by if commit else run.created_by),
                commit=commit,
                publish=run.publish,
                default_section=run.section,
                run=run,
            )
    except ImportError_ as error:
        run.error = str(error)
        run.state = ImportRun.State.FAILED
        run.finished_at = timezone.now()
        run.save(update_fields=["error", "state", "finished_at"])
        return run.state
    except Exception as error:
        run.error = f"{error.__class__.__name__}: {error}"
        run.state = ImportRun.State.FAILED
        run.finished_at = timezone.now()
        run.save(update_fields=["error", "state", "finished_at"])
        raise
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    finished(run, report, state=ImportRun.State.DONE if commit else ImportRun.State.CHECKED)
    return run.state
