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

    @Test
    void aServicesRuleIsShownInChinese() {
        assertThat(Feedback.message("is required when closing")).isEqualTo("结案时必填");
        assertThat(Feedback.message("must be a month (2026-03), a quarter (2026-Q1) or a year (2026)"))
                .isEqualTo("须为月份、季度或年度");
        assertThat(Feedback.message("is required when the reason is OTHER")).doesNotContain("OTHER");
    }

    @Test
    void anEnglishTextWithAnApostropheKeepsItAndItsPlaceholder() throws Exception {
        Properties en = new Properties();
        try (var in = getClass().getResourceAsStream("messages_en.properties")) {
            en.load(new java.io.InputStreamReader(in, java.nio.charset.StandardCharsets.UTF_8));
        }
        assertThat(java.text.MessageFormat.format(en.getProperty("home.unclaimed"), 3))
                .isEqualTo("My station's unclaimed tasks (3)");
    }

    @Test
    void theDashboardsDefinitionsAreInChineseWithoutCodeNames() {
        assertThat(DashboardPage.definitions()).hasSizeGreaterThan(30).anySatisfy(d -> assertThat(d).startsWith("按期结案："));
        DashboardPage.definitions().forEach(org.weiquan.it.ChineseTexts::assertReadable);
    }

    @Test
    void releasingATaskIsNotCalledLikeSendingAClosureBack() {
        assertThat(Texts.get("form.sendBack")).isEqualTo("退回");
        assertThat(Texts.get("task.release")).isEqualTo("放回本站待办").doesNotContain(Texts.get("form.sendBack"));
    }
}
