package dev.kotae.kb.demo;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code kotae.demo.*}.
 *
 * @param enabled load the demo knowledge base when the knowledge base is empty at start-up
 */
@ConfigurationProperties("kotae.demo")
public record DemoProperties(@DefaultValue("true") boolean enabled) {
}
