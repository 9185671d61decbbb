package dev.kotae.channels.audit;

import java.util.List;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /api/v1/audit}: the audit log, newest first (admins only). */
@RestController
class AuditController {

	private final AuditLog log;

	AuditController(AuditLog log) {
		this.log = log;
	}

	@GetMapping("/api/v1/audit")
	List<AuditEntry> list(@RequestParam(defaultValue = "100") int limit,
			@RequestParam(required = false) String targetType, @RequestParam(required = false) String targetId) {
		return this.log.list(limit, targetType, targetId);
	}

}
