package dev.kotae.channels.web;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Requests that Tomcat refuses before Spring sees them, or that fail while Spring reads them, still get
 * a problem body with a 4xx, not an HTML page or a 500.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "spring.datasource.url=jdbc:h2:mem:malformed;DB_CLOSE_DELAY=-1", "kotae.demo.enabled=false", "kotae.nlu.enabled=false" })
class MalformedRequestIntegrationTests {

	@LocalServerPort
	int port;

	@Test
	void rawNonAsciiInTheRequestLineGetsAProblemBody() throws Exception {
		String response = raw("GET /api/v1/search?q=パスワード HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
		assertThat(response).startsWith("HTTP/1.1 400");
		assertThat(response).contains("application/problem+json").contains("\"status\":400");
		assertThat(response).doesNotContain("<html").doesNotContain("Exception");
	}

	/** Found by EndpointFuzzTests: each was a 500 before. */
	@Test
	void aWildcardContentTypeIsRefusedWith415() throws Exception {
		String response = post("/api/v1/conversations", "*/*", "{}");
		assertThat(response).startsWith("HTTP/1.1 415");
		assertThat(response).contains("application/problem+json").contains("urn:kotae:problem:unsupported-media-type");
	}

	@Test
	void formParametersTheFirewallRejectsOrTomcatCannotDecodeGet400() throws Exception {
		for (String body : new String[] { "\u001az=1", "z%%?" }) {
			String response = post("/api/v1/conversations", "application/x-www-form-urlencoded", body);
			assertThat(response).as(body).startsWith("HTTP/1.1 400");
			assertThat(response).contains("application/problem+json").contains("urn:kotae:problem:invalid-input");
			assertThat(response).doesNotContain("Exception");
		}
	}

	private String post(String path, String contentType, String body) throws Exception {
		byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
		return raw("POST " + path + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\nContent-Type: " + contentType
				+ "\r\nContent-Length: " + bytes.length + "\r\n\r\n" + body);
	}

	private String raw(String request) throws Exception {
		try (Socket socket = new Socket("127.0.0.1", this.port)) {
			socket.setSoTimeout(5000);
			OutputStream out = socket.getOutputStream();
			out.write(request.getBytes(StandardCharsets.UTF_8));
			out.flush();
			InputStream in = socket.getInputStream();
			ByteArrayOutputStream buffer = new ByteArrayOutputStream();
			in.transferTo(buffer);
			return buffer.toString(StandardCharsets.UTF_8);
		}
	}

}
