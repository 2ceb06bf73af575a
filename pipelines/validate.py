"""Every stored report must validate against the contract; one that does not is a failure, not a row."""

from __future__ import annotations

from itemadapter import ItemAdapter

from govcrawl.contract.errors import Stage
from govcrawl.contract.items import FetchFailure, ReportItem
from govcrawl.contract.schema import validation_errors


class SchemaPipeline:
    def process_item(self, item):
        if not isinstance(item, ReportItem):
            return item
        record = {k: v for k, v in ItemAdapter(item).items() if k != "body"}
        errors = validation_errors(record)
        if not errors:
            return item
        prov = record.get("provenance") or {}
        return FetchFailure(
            url=prov.get("url"),
            portal_id=prov.get("portal_id"),
            stage=Stage.VALIDATE,
            reason="; ".join(errors[:5]),
            http_status=prov.get("http_status"),
            referer=prov.get("referer"),
            at=prov.get("fetched_at"),
        )
