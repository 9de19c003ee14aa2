"""Reading an uploaded file with the import's size limit, before the request is parsed."""

from django.core.files.uploadhandler import FileUploadHandler, StopUpload

from okrs.domain.peoplefile import MAX_FILE_BYTES, FileRefused

# A multipart body carries the file and a little more: its field names, boundaries, the token.
ENVELOPE = 64 * 1024
TOO_BIG = (
    f"The file is larger than {MAX_FILE_BYTES:,} bytes (10 MB): split it, or leave out the "
    "columns the import does not read."
)


class UploadLimit(FileUploadHandler):
    """Stop storing an uploaded file once it passes the import's size limit."""

    def __init__(self, request):
        super().__init__(request)
        self.received = 0
        self.http_request = request

    def receive_data_chunk(self, raw_data, start):
        """Count the file's bytes; stop the upload past the limit (the rest is read, not kept)."""
        self.received += len(raw_data)
        if self.received > MAX_FILE_BYTES:
            self.http_request.upload_too_big = True
            raise StopUpload(connection_reset=False)
        return raw_data

    def file_complete(self, file_size):
        """Leave the file to the next handler."""
        return None


def declared_too_big(request) -> bool:
    """Tell whether the request says its body is larger than any file the import reads."""
    try:
        length = int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        return False
    return length > MAX_FILE_BYTES + ENVELOPE


def limit_uploads(request) -> None:
    """Make the request stop storing an uploaded file past the limit (call before it is parsed)."""
    request.upload_handlers.insert(0, UploadLimit(request))


def uploaded_file(request, field: str = "file") -> tuple[str, bytes]:
    """Return the name and bytes of the uploaded file, or raise FileRefused saying what is wrong."""
    upload = request.FILES.get(field)
    if getattr(request, "upload_too_big", False) or (upload and upload.size > MAX_FILE_BYTES):
        raise FileRefused(TOO_BIG)
    if upload is None:
        raise FileRefused("Choose a CSV or XLSX file to upload.")
    return upload.name or "the file", upload.read(MAX_FILE_BYTES + 1)
