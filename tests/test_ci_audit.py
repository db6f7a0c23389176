""".ci/audit: a known vulnerability fails CI unless accepted with a reason and a
review date; an unreachable advisory service is said out loud."""

import datetime
import importlib.machinery
import importlib.util
from pathlib import Path

import pytest

SCRIPT = Path(__file__).resolve().parents[1] / ".ci" / "audit"


@pytest.fixture
def audit(tmp_path, monkeypatch):
    loader = importlib.machinery.SourceFileLoader("ci_audit", str(SCRIPT))
    spec = importlib.util.spec_from_loader("ci_audit", loader)
    module = importlib.util.module_from_spec(spec)
    loader.exec_module(module)
    module.ACCEPTED = tmp_path / "accepted.toml"
    monkeypatch.delenv("NEWSROOM_REQUIRE_AUDIT", raising=False)
    module.npm_audit = lambda: ([], True)
    return module


def finding(vuln_id="PYSEC-2099-1", aliases=("CVE-2099-0001",)):
    return ([("django", "5.2.19", vuln_id, list(aliases), ["5.2.20"])], True)


def accept(audit, vuln_id, review_by):
    audit.ACCEPTED.write_text(
        f'[[accepted]]\nid = "{vuln_id}"\npackage = "django"\nreason = "not reachable here"\n'
        f"accepted_on = 2026-12-01\nreview_by = {review_by.isoformat()}\n"
    )


def test_a_known_vulnerability_fails(audit, capsys):
    audit.pip_audit = finding
    assert audit.main() == 1
    assert "django 5.2.19 has PYSEC-2099-1 CVE-2099-0001; fixed in 5.2.20" in capsys.readouterr().out


def test_an_accepted_one_passes_by_its_id_or_an_alias_until_its_review_date(audit):
    audit.pip_audit = finding
    later = datetime.date.today() + datetime.timedelta(days=30)
    accept(audit, "CVE-2099-0001", later)
    assert audit.main() == 0
    accept(audit, "CVE-2099-0001", datetime.date.today() - datetime.timedelta(days=1))
    assert audit.main() == 1


def test_an_acceptance_without_its_reason_is_refused(audit):
    audit.pip_audit = finding
    audit.ACCEPTED.write_text('[[accepted]]\nid = "PYSEC-2099-1"\npackage = "django"\n')
    assert audit.main() == 1


def test_an_unreachable_service_is_said_and_fails_only_where_the_audit_is_required(audit, capsys, monkeypatch):
    audit.pip_audit = lambda: ([], False)
    assert audit.main() == 0
    assert "cannot be reached" in capsys.readouterr().out
    monkeypatch.setenv("NEWSROOM_REQUIRE_AUDIT", "1")
    assert audit.main() == 1
