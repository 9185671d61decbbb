package dev.kotae.kb.faq;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Creates, changes, deletes and lists FAQs. Every change publishes one {@link KnowledgeBaseChanged}
 * event, which keeps the search index (and later the classifier) in step, and every saved version
 * is kept as a {@link FaqVersion} (also after the FAQ is deleted) for history, diff and revert.
 */
@Service
public class FaqService {

	private final FaqRepository repository;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	FaqService(FaqRepository repository, ApplicationEventPublisher events, ObjectProvider<Clock> clock) {
		this.repository = repository;
		this.events = events;
		this.clock = clock.getIfAvailable(Clock::systemUTC);
	}

	@Transactional(readOnly = true)
	public Faq get(String id) {
		return this.repository.findById(id).orElseThrow(() -> new FaqNotFoundException(id));
	}

	@Transactional(readOnly = true)
	public Optional<Faq> find(String id) {
		return this.repository.findById(id);
	}

	@Transactional(readOnly = true)
	public List<Faq> findByIds(List<String> ids) {
		return this.repository.findByIds(ids);
	}

	@Transactional(readOnly = true)
	public FaqPage list(FaqFilter filter, int page, int size) {
		return this.repository.page(filter, page, size);
	}

	@Transactional(readOnly = true)
	public List<Faq> all() {
		return this.repository.findAll();
	}

	/** Every FAQ the filter selects, by id (for an export). */
	@Transactional(readOnly = true)
	public List<Faq> all(FaqFilter filter) {
		return this.repository.findAll(filter);
	}

	@Transactional(readOnly = true)
	public List<Faq> published() {
		return this.repository.findPublished();
	}

	@Transactional(readOnly = true)
	public long count() {
		return this.repository.count();
	}

	/**
	 * Creates an FAQ; a draft without status becomes a {@code draft}. It starts at version 1, or
	 * after the last version in its history when an FAQ with this id was deleted before.
	 */
	@Transactional
	public Faq create(FaqDraft draft, String author) {
		FaqRules.Clean clean = FaqRules.check(draft, FaqStatus.DRAFT);
		String id = (clean.id() != null) ? clean.id() : FaqRules.newId(clean.locale());
		if (this.repository.findById(id).isPresent()) {
			throw new DuplicateFaqException(id);
		}
		Faq faq = insert(id, clean, author);
		this.events.publishEvent(new KnowledgeBaseChanged(List.of(faq), List.of()));
		return faq;
	}

	/** Replaces the FAQ {@code id}; a draft without status keeps the current status. */
	@Transactional
	public Faq update(String id, FaqDraft draft, String author) {
		Faq current = get(id);
		FaqRules.Clean clean = FaqRules.check(draft.withId(id), current.status());
		if (draft.expectedVersion() != null && draft.expectedVersion() != current.version()) {
			throw new FaqVersionConflictException(id, draft.expectedVersion(), current.version());
		}
		Faq faq = replace(current, clean, author);
		this.events.publishEvent(new KnowledgeBaseChanged(List.of(faq), List.of()));
		return faq;
	}

	/**
	 * Moves the FAQ {@code id} to {@code status} as a normal versioned update; nothing changes (and
	 * no version is added) when it is in that status already.
	 * @param expectedVersion optimistic-lock check, or {@code null} to skip it
	 */
	@Transactional
	public Faq changeStatus(String id, FaqStatus status, Long expectedVersion, String author) {
		Faq current = get(id);
		if (expectedVersion != null && expectedVersion != current.version()) {
			throw new FaqVersionConflictException(id, expectedVersion, current.version());
		}
		if (current.status() == status) {
			return current;
		}
		return update(id, FaqVersion.of(current).toDraft(expectedVersion, status), author);
	}

	/** Every saved version of the FAQ {@code id}, newest first, also when it was deleted since. */
	@Transactional(readOnly = true)
	public List<FaqVersion> versions(String id) {
		List<FaqVersion> versions = this.repository.findVersions(id);
		if (versions.isEmpty()) {
			throw new FaqNotFoundException(id);
		}
		return versions;
	}

	@Transactional(readOnly = true)
	public FaqVersion version(String id, long version) {
		return this.repository.findVersion(id, version).orElseThrow(() -> {
			if (this.repository.latestVersion(id) == 0) {
				return new FaqNotFoundException(id);
			}
			return new FaqVersionNotFoundException(id, version);
		});
	}

	/** What changed from version {@code from} to version {@code to} of the FAQ {@code id}. */
	@Transactional(readOnly = true)
	public FaqDiff diff(String id, long from, long to) {
		return FaqDiff.between(version(id, from), version(id, to));
	}

	/**
	 * Saves the content of an earlier version as a new version (status included), through the same
	 * rules and optimistic lock as {@link #update}.
	 * @param expectedVersion the version the editor looked at, or {@code null} to skip the check
	 */
	@Transactional
	public Faq revert(String id, long version, Long expectedVersion, String author) {
		get(id);
		return update(id, version(id, version).toDraft(expectedVersion), author);
	}

	@Transactional
	public void delete(String id) {
		if (!this.repository.delete(id)) {
			throw new FaqNotFoundException(id);
		}
		this.events.publishEvent(new KnowledgeBaseChanged(List.of(), List.of(id)));
	}

	/**
	 * Creates or updates many FAQs by id in one transaction. A draft that breaks a rule is rejected
	 * on its own; the others are kept. A draft equal to the stored FAQ is left alone (no new version).
	 * @param drafts the drafts, in order
	 * @param defaultStatus status of new FAQs whose draft names none (existing ones keep theirs)
	 * @param author who imports them
	 * @return one outcome per draft, in the same order
	 */
	@Transactional
	public List<UpsertOutcome> upsertAll(List<FaqDraft> drafts, FaqStatus defaultStatus, String author) {
		List<UpsertOutcome> outcomes = new ArrayList<>(drafts.size());
		List<Faq> saved = new ArrayList<>();
		for (FaqDraft draft : drafts) {
			try {
				String id = (draft.id() == null || draft.id().isBlank()) ? null : draft.id().strip();
				Optional<Faq> current = (id != null) ? this.repository.findById(id) : Optional.empty();
				// an existing FAQ keeps its status unless the draft names one; only new ones get the default
				FaqRules.Clean clean = FaqRules.check(draft, current.map(Faq::status).orElse(defaultStatus));
				Faq faq;
				if (current.isPresent() && same(current.get(), clean)) {
					outcomes.add(UpsertOutcome.unchanged(current.get()));
					continue;
				}
				if (current.isPresent()) {
					faq = replace(current.get(), clean, author);
					outcomes.add(UpsertOutcome.updated(faq));
				}
				else {
					faq = insert((clean.id() != null) ? clean.id() : FaqRules.newId(clean.locale()), clean, author);
					outcomes.add(UpsertOutcome.created(faq));
				}
				saved.add(faq);
			}
			catch (InvalidInputException ex) {
				outcomes.add(UpsertOutcome.rejected(ex.getMessage()));
			}
		}
		if (!saved.isEmpty()) {
			this.events.publishEvent(new KnowledgeBaseChanged(saved, List.of()));
		}
		return outcomes;
	}

	/**
	 * What {@link #upsertAll} would do with these drafts, without writing anything: the same rules,
	 * and a later draft with the id of an earlier one counts as an update of it. The outcome's FAQ is
	 * the stored one for an update or no change, {@code null} otherwise.
	 */
	@Transactional(readOnly = true)
	public List<UpsertOutcome> previewUpsertAll(List<FaqDraft> drafts, FaqStatus defaultStatus) {
		List<UpsertOutcome> outcomes = new ArrayList<>(drafts.size());
		Map<String, FaqRules.Clean> earlier = new HashMap<>();
		for (FaqDraft draft : drafts) {
			try {
				String id = (draft.id() == null || draft.id().isBlank()) ? null : draft.id().strip();
				Optional<Faq> current = (id != null) ? this.repository.findById(id) : Optional.empty();
				FaqRules.Clean before = (id != null) ? earlier.get(id) : null;
				FaqStatus keep = (before != null) ? before.status() : current.map(Faq::status).orElse(defaultStatus);
				FaqRules.Clean clean = FaqRules.check(draft, keep);
				if (before != null) {
					outcomes.add(before.equals(clean) ? UpsertOutcome.unchanged(current.orElse(null))
							: UpsertOutcome.updated(current.orElse(null)));
				}
				else if (current.isPresent()) {
					outcomes.add(same(current.get(), clean) ? UpsertOutcome.unchanged(current.get())
							: UpsertOutcome.updated(current.get()));
				}
				else {
					outcomes.add(UpsertOutcome.created(null));
				}
				if (clean.id() != null) {
					earlier.put(clean.id(), clean);
				}
			}
			catch (InvalidInputException ex) {
				outcomes.add(UpsertOutcome.rejected(ex.getMessage()));
			}
		}
		return outcomes;
	}

	/** Whether saving the clean values would change nothing but the version. */
	private static boolean same(Faq current, FaqRules.Clean clean) {
		return current.locale() == clean.locale() && current.question().equals(clean.question())
				&& current.alternativeQuestions().equals(clean.alternativeQuestions())
				&& current.answer().equals(clean.answer()) && Objects.equals(current.category(), clean.category())
				&& current.tags().equals(clean.tags()) && current.status() == clean.status()
				&& current.audience().equals(clean.audience());
	}

	private Faq insert(String id, FaqRules.Clean clean, String author) {
		Instant now = now();
		long version = this.repository.latestVersion(id) + 1;
		Faq faq = new Faq(id, clean.locale(), clean.question(), clean.alternativeQuestions(), clean.answer(),
				clean.category(), clean.tags(), clean.status(), version, now, now, author, clean.audience());
		this.repository.insert(faq);
		this.repository.insertVersion(FaqVersion.of(faq));
		return faq;
	}

	private Faq replace(Faq current, FaqRules.Clean clean, String author) {
		Faq faq = new Faq(current.id(), clean.locale(), clean.question(), clean.alternativeQuestions(), clean.answer(),
				clean.category(), clean.tags(), clean.status(), current.version() + 1, current.createdAt(), now(),
				author, clean.audience());
		if (!this.repository.update(faq, current.version())) {
			Faq latest = get(current.id());
			throw new FaqVersionConflictException(current.id(), current.version(), latest.version());
		}
		this.repository.insertVersion(FaqVersion.of(faq));
		return faq;
	}

	private Instant now() {
		// microseconds: what both H2 and PostgreSQL keep, so a saved FAQ equals the one read back
		return this.clock.instant().truncatedTo(ChronoUnit.MICROS);
	}


	/** What happened to one draft of {@link #upsertAll}. */
	public record UpsertOutcome(Kind kind, Faq faq, String reason) {

		public enum Kind {

			CREATED, UPDATED, UNCHANGED, REJECTED

		}

		static UpsertOutcome created(Faq faq) {
			return new UpsertOutcome(Kind.CREATED, faq, null);
		}

		static UpsertOutcome updated(Faq faq) {
			return new UpsertOutcome(Kind.UPDATED, faq, null);
		}

		static UpsertOutcome unchanged(Faq faq) {
			return new UpsertOutcome(Kind.UNCHANGED, faq, null);
		}

		static UpsertOutcome rejected(String reason) {
			return new UpsertOutcome(Kind.REJECTED, null, reason);
		}

	}

}
