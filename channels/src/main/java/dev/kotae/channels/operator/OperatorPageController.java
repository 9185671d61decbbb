package dev.kotae.channels.operator;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/** {@code /operator}: the console page (static, under {@code static/operator/}). */
@Controller
class OperatorPageController {

	@GetMapping({ "/operator", "/operator/" })
	String console() {
		return "forward:/operator/index.html";
	}

}
