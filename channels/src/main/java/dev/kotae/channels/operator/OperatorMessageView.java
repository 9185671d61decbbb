package dev.kotae.channels.operator;

import java.util.List;

import dev.kotae.bot.conversation.Message;

/** A transcript line for agents: with the bot's decision, confidence and reasons. */
record OperatorMessageView(long id, String conversationId, String sender, String kind, String text, String faqId,
		List<Choice> choices, Double confidence, String reason, String agent, String createdAt, Boolean helpful) {

	static OperatorMessageView of(Message m) {
		return new OperatorMessageView(m.id(), m.conversationId(), m.sender().code(), m.kind().code(), m.text(),
				m.faqId(), m.choices().stream().map((c) -> new Choice(c.faqId(), c.question())).toList(), m.confidence(),
				(m.sender() == Message.Sender.AGENT) ? null : m.reason(),
				(m.sender() == Message.Sender.AGENT) ? m.reason() : null, m.createdAt().toString(), m.helpful());
	}

	record Choice(String id, String question) {
	}

}
