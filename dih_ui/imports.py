"""The Data page's import call with a last-resort guard: whatever happens, the editor sees a report.

``importer.import_file`` already turns every problem with the bytes into a report; this guard only
catches what nobody foresaw (a bug, a lost database connection) so no traceback reaches the page.
"""

from __future__ import annotations

from dih_data import importer, readers


def import_file(engine, kind: str, name: str, **options) -> importer.ImportResult:
    """An upload's import, within the upload limits (``readers.UPLOAD``: rows, unpacked size, seconds)."""
    try:
        return importer.import_file(engine, kind, name, limits=readers.UPLOAD, **options)
    except Exception as error:  # noqa: BLE001 — last resort, shown as one problem in the report
        result = importer.ImportResult(kind, options.get("file_name") or name, "", 0)
        importer.record_unexpected(result, result.file_name, error)
        return result
