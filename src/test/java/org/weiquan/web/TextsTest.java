package org.weiquan.web;

import org.junit.jupiter.api.Test;

import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;

/** The page texts outside a request: Simplified Chinese, formatted with their arguments. */
class TextsTest {

    @Test
    void aTextIsFormattedWithItsArguments() {
        assertThat(Texts.get("case.title", "QX-0101-2026-0001")).isEqualTo("案件 QX-0101-2026-0001");
        assertThat(Texts.get("nav.user", "王芳", "城关社区妇女维权站")).isEqualTo("王芳（城关社区妇女维权站）");
        assertThat(AdminTexts.get("guard.adminOnly")).isEqualTo("此页面仅限系统管理员使用。");
    }

    @Test
    void anEnumerationValueHasItsLabelAndAnUnknownOneItsName() {
        assertThat(Texts.label("channel", org.weiquan.intake.Channel.HOTLINE)).isEqualTo("12338 热线");
        assertThat(Texts.label("channel", "NO_SUCH_CHANNEL")).isEqualTo("NO_SUCH_CHANNEL");
        assertThat(Texts.find("no.such.key")).isNull();
    }

    @Test
    void bothLanguagesHaveTheSameKeys() throws Exception {
        for (String bundle : new String[] {"messages", "admin"}) {
            Properties zh = new Properties();
            Properties en = new Properties();
            try (var a = getClass().getResourceAsStream(bundle + "_zh.properties");
                 var b = getClass().getResourceAsStream(bundle + "_en.properties")) {
                zh.load(new java.io.InputStreamReader(a, java.nio.charset.StandardCharsets.UTF_8));
                en.load(new java.io.InputStreamReader(b, java.nio.charset.StandardCharsets.UTF_8));
            }
            assertThat(en.keySet()).as(bundle).isEqualTo(zh.keySet());
        }
    }
}
