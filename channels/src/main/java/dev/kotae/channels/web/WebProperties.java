package dev.kotae.channels.web;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * {@code kotae.web.*}: limits shared by every HTTP endpoint.
 *
 * @param maxJsonBytes largest request body of an ordinary endpoint
 * @param maxCsvBytes largest CSV import
 */
@ConfigurationProperties("kotae.web")
public record WebProperties(@DefaultValue("1MB") DataSize maxJsonBytes, @DefaultValue("20MB") DataSize maxCsvBytes) {
}
