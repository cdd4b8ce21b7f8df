package org.weiquan.infrastructure;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class SecurityHeadersTest {

    @Test
    void thePagesPolicyThatPrimeFacesWritesIsTheOneTheFilterStandsInWith() throws Exception {
        String webXml = Files.readString(Path.of("src/main/webapp/WEB-INF/web.xml"));
        String param = webXml.substring(webXml.indexOf("<param-name>primefaces.CSP_POLICY</param-name>"));
        String value = param.substring(param.indexOf("<param-value>") + 13, param.indexOf("</param-value>"));
        assertThat(value).isEqualTo(SecurityHeaders.FACES_CSP);
        assertThat(value).startsWith("default-src 'self'").endsWith("script-src 'self'");
    }
}
