/**
 * Sites: the web pages and apps the chat widget is embedded in, each with its key, the browser
 * origins allowed to call the chat API, a default language, NPS on or off and pinned FAQs.
 */
package dev.kotae.bot.site;
