package dev.kotae.channels.operator;

import java.security.Principal;
import java.time.Clock;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.kotae.bot.conversation.Conversation;
import dev.kotae.bot.conversation.ConversationNotFoundException;
import dev.kotae.bot.conversation.Message;
import dev.kotae.bot.conversation.Message.Sender;
import dev.kotae.bot.conversation.Transcripts;
import dev.kotae.bot.handoff.Handoff;
import dev.kotae.bot.handoff.HandoffStatus;
import dev.kotae.bot.handoff.Handoffs;
import dev.kotae.bot.policy.Answerer;
import dev.kotae.bot.policy.Decision.Candidate;
import dev.kotae.channels.web.BadRequestException;
import dev.kotae.channels.web.UserText;
import dev.kotae.kb.faq.PublishedFaqs;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * The hand-off API for agents (role {@code agent} or {@code admin}): the queue, claiming, replying,
 * returning to the bot, closing, and the live stream the console listens to.
 */
@RestController
class HandoffController {

	private static final int TRANSCRIPT_LIMIT = 1000;

	private static final int SUGGESTIONS = 3;

	private final Handoffs handoffs;

	private final Transcripts transcripts;

	private final Answerer answerer;

	private final PublishedFaqs faqs;

	private final OperatorStreams streams;

	private final Clock clock;

	HandoffController(Handoffs handoffs, Transcripts transcripts, Answerer answerer, PublishedFaqs faqs,
			OperatorStreams streams, ObjectProvider<Clock> clock) {
		this.clock = clock.getIfAvailable(Clock::systemUTC);
		this.handoffs = handoffs;
		this.transcripts = transcripts;
		this.answerer = answerer;
		this.faqs = faqs;
		this.streams = streams;
	}

	/** {@code status}: any of waiting, offline, active (comma-separated); default all three. */
	@GetMapping("/api/v1/handoffs")
	List<HandoffView> list(@RequestParam(required = false) List<String> status) {
		Set<HandoffStatus> statuses = EnumSet.noneOf(HandoffStatus.class);
		if (status == null || status.isEmpty()) {
			statuses.addAll(List.of(HandoffStatus.OFFLINE, HandoffStatus.WAITING, HandoffStatus.ACTIVE));
		}
		else {
			for (String s : status) {
				switch (s.strip()) {
					case "waiting" -> statuses.add(HandoffStatus.WAITING);
					case "offline" -> statuses.add(HandoffStatus.OFFLINE);
					case "active" -> statuses.add(HandoffStatus.ACTIVE);
					default -> throw new BadRequestException("status", "status is waiting, offline or active");
				}
			}
		}
		return this.handoffs.list(statuses).stream().map(this::view).toList();
	}

	/** One conversation for the console: its hand-off, the whole transcript, suggestions, canned replies. */
	@GetMapping("/api/v1/handoffs/{conversationId}")
	Map<String, Object> detail(@PathVariable String conversationId) {
		Conversation conversation = conversation(conversationId);
		List<Message> transcript = this.transcripts.messages(conversationId, 0, TRANSCRIPT_LIMIT);
		Map<String, Object> detail = new LinkedHashMap<>();
		detail.put("handoff", this.handoffs.latest(conversationId).map(this::view).orElse(null));
		detail.put("conversation", Map.of("id", conversation.id(), "status", conversation.status().code(), "channel",
				conversation.channel().code(), "siteKey", conversation.siteKey(), "locale", conversation.locale().code(),
				"attributes", conversation.attributes(), "createdAt", conversation.createdAt().toString()));
		detail.put("messages", transcript.stream().map(OperatorMessageView::of).toList());
		detail.put("suggestions", suggestions(conversation, transcript));
		detail.put("cannedResponses",
				this.handoffs.properties().cannedResponses().getOrDefault(conversation.locale().code(), List.of()));
		return detail;
	}

	@PostMapping("/api/v1/handoffs/{conversationId}/claim")
	HandoffView claim(@PathVariable String conversationId, Principal agent) {
		return view(this.handoffs.claim(conversationId, agent.getName()));
	}

	@PostMapping("/api/v1/conversations/{conversationId}/agent-messages")
	ResponseEntity<OperatorMessageView> reply(@PathVariable String conversationId, @RequestBody AgentMessage request,
			Principal agent) {
		String text = UserText.check("text", request.text());
		return ResponseEntity.status(HttpStatus.CREATED)
			.body(OperatorMessageView.of(this.handoffs.reply(conversationId, agent.getName(), text)));
	}

	@PostMapping("/api/v1/handoffs/{conversationId}/return-to-bot")
	HandoffView returnToBot(@PathVariable String conversationId, Principal agent) {
		return view(this.handoffs.returnToBot(conversationId, agent.getName()));
	}

	@PostMapping("/api/v1/handoffs/{conversationId}/close")
	HandoffView close(@PathVariable String conversationId, @RequestBody(required = false) CloseRequest request,
			Principal agent) {
		String reason = (request != null && request.reason() != null) ? request.reason().strip() : "";
		if (!reason.matches("[A-Za-z0-9_-]{1,50}")) {
			throw new BadRequestException("reason", "reason is a tag of 1–50 letters, digits, '_' or '-', e.g. solved");
		}
		return view(this.handoffs.close(conversationId, agent.getName(), reason));
	}

	/** Live updates for the console: hand-off changes and messages of conversations with a person. */
	@GetMapping(path = "/api/v1/handoffs/events", produces = "text/event-stream")
	SseEmitter events() {
		return this.streams.subscribe();
	}

	HandoffView view(Handoff handoff) {
		Conversation conversation = conversation(handoff.conversationId());
		return HandoffView.of(handoff, conversation, this.handoffs.queuePosition(handoff),
				this.handoffs.overSla(handoff), this.handoffs.properties().sla(), this.clock.instant());
	}

	private Conversation conversation(String id) {
		return this.transcripts.find(id)
			.orElseThrow(() -> new ConversationNotFoundException("No conversation has the id " + id + "."));
	}

	/** Agent assist: the best FAQs for the user's last typed messages. */
	private List<Map<String, Object>> suggestions(Conversation conversation, List<Message> transcript) {
		List<Message> userTexts = new ArrayList<>();
		for (int i = transcript.size() - 1; i >= 0 && userTexts.size() < 3; i--) {
			Message m = transcript.get(i);
			if (m.sender() == Sender.USER && m.kind() == Message.Kind.TEXT) {
				userTexts.add(m);
			}
		}
		Map<String, Double> best = new LinkedHashMap<>();
		for (Message m : userTexts) {
			for (Candidate c : this.answerer.answer(m.text(), null, conversation.attributes()).decision().candidates()) {
				best.merge(c.faqId(), c.confidence(), Math::max);
			}
		}
		return best.entrySet()
			.stream()
			.sorted(Map.Entry.<String, Double>comparingByValue().reversed())
			.limit(SUGGESTIONS)
			.flatMap((e) -> this.faqs.get(e.getKey()).stream().map((faq) -> {
				Map<String, Object> s = new LinkedHashMap<>();
				s.put("id", faq.id());
				s.put("question", faq.question());
				s.put("answer", faq.answer());
				s.put("score", Math.round(e.getValue() * 1000) / 1000.0);
				return s;
			}))
			.toList();
	}

	record AgentMessage(String text) {
	}

	record CloseRequest(String reason) {
	}

}
