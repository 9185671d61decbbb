package dev.kotae.kb.faq;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Creates, changes, deletes and lists FAQs. Every change publishes one {@link KnowledgeBaseChanged}
 * event, which keeps the search index (and later the classifier) in step.
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

	@Transactional(readOnly = true)
	public List<Faq> published() {
		return this.repository.findPublished();
	}

	@Transactional(readOnly = true)
	public long count() {
		return this.repository.count();
	}

	/** Creates an FAQ; a draft without status becomes a {@code draft}. */
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

	@Transactional
	public void delete(String id) {
		if (!this.repository.delete(id)) {
			throw new FaqNotFoundException(id);
		}
		this.events.publishEvent(new KnowledgeBaseChanged(List.of(), List.of(id)));
	}

	/**
	 * Creates or updates many FAQs by id in one transaction. A draft that breaks a rule is rejected
	 * on its own; the others are kept.
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

	private Faq insert(String id, FaqRules.Clean clean, String author) {
		Instant now = now();
		Faq faq = new Faq(id, clean.locale(), clean.question(), clean.alternativeQuestions(), clean.answer(),
				clean.category(), clean.tags(), clean.status(), 1, now, now, author, clean.audience());
		this.repository.insert(faq);
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
		return faq;
	}

	private Instant now() {
		// microseconds: what both H2 and PostgreSQL keep, so a saved FAQ equals the one read back
		return this.clock.instant().truncatedTo(ChronoUnit.MICROS);
	}


	/** What happened to one draft of {@link #upsertAll}. */
	public record UpsertOutcome(Kind kind, Faq faq, String reason) {

		public enum Kind {

			CREATED, UPDATED, REJECTED

		}

		static UpsertOutcome created(Faq faq) {
			return new UpsertOutcome(Kind.CREATED, faq, null);
		}

		static UpsertOutcome updated(Faq faq) {
			return new UpsertOutcome(Kind.UPDATED, faq, null);
		}

		static UpsertOutcome rejected(String reason) {
			return new UpsertOutcome(Kind.REJECTED, null, reason);
		}

	}

}
