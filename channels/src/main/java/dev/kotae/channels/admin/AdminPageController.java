package dev.kotae.channels.admin;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/** {@code /admin}: the editor workspace page (static, under {@code static/admin/}). */
@Controller
class AdminPageController {

	@GetMapping({ "/admin", "/admin/" })
	String workspace() {
		return "forward:/admin/index.html";
	}

}
