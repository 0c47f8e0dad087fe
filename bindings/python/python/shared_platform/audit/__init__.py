"""Hash-chained audit log: record, list with filters, verify."""

from .client import AuditClient
from .models import AuditOutcome, AuditRecord, VerifyReport

__all__ = ["AuditClient", "AuditOutcome", "AuditRecord", "VerifyReport"]
