package dev.kotae.channels.chat;

import java.util.List;

import dev.kotae.bot.conversation.Message;

/** A message as the chat API shows it. */
record MessageView(long id, String sender, String kind, String text, Long replyTo, String faqId,
		List<ChoiceView> choices, Double confidence, String reason, String agent, String createdAt, Boolean helpful,
		String clientMessageId) {

	static MessageView of(Message m) {
		return new MessageView(m.id(), m.sender().code(), m.kind().code(), m.text(), m.replyTo(), m.faqId(),
				m.choices().stream().map((c) -> new ChoiceView(c.faqId(), c.question())).toList(),
				(m.confidence() != null) ? Math.round(m.confidence() * 10_000) / 10_000.0 : null,
				(m.sender() == Message.Sender.AGENT) ? null : m.reason(),
				(m.sender() == Message.Sender.AGENT) ? m.reason() : null, m.createdAt().toString(), m.helpful(),
				m.clientMessageId());
	}

	record ChoiceView(String id, String question) {
	}

}
