package org.weiquan.ledger;

import org.weiquan.casefile.AgreementPerformed;
import org.weiquan.casefile.ClosureReason;
import org.weiquan.casefile.FollowUpResult;
import org.weiquan.casefile.RiskLevel;
import org.weiquan.intake.AcknowledgementForm;
import org.weiquan.intake.Category;
import org.weiquan.intake.Channel;
import org.weiquan.intake.Gender;
import org.weiquan.intake.PetitionType;
import org.weiquan.intake.ReviewDecision;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The template's columns, one definition each: the code name (the CSV header), the Chinese header of the workbook,
 * whether the column must be in the file's header, what it means and takes (the instructions sheet and the README),
 * its coded values (the workbook's drop-down lists) and the example row's value. The thirteen columns of the first
 * template must be present; every later column may be missing from an older file (then it is empty).
 */
public final class LedgerColumns {

    /** One column of the template. {@code values} are the allowed codes of a coded column, else empty. */
    public record Column(String name, String chinese, boolean mustBePresent, String rule, List<String> values,
                         String example, String vocabulary) {

        /** The Chinese label of one of its values (the drop-down and the instructions show both). */
        public String label(String value) {
            String label = vocabulary == null ? null
                    : org.weiquan.shared.Labels.find(vocabulary + "." + value, org.weiquan.shared.Labels.CHINESE);
            return label == null ? value : value + " " + label;
        }

        /** The workbook's header cell: the Chinese name and the code, which is what the import reads. */
        public String header() {
            return chinese + " " + name;
        }

        boolean coded() {
            return !values.isEmpty();
        }
    }

    public static final List<Column> ALL = List.of(
            column("ledger_number", "台账编号", false, "选填：台账上的编号；填写后以它识别该行，重复导入不会重复建档", "", "2025-017"),
            column("station_code", "站点编码", true, "必填：您辖区内站点的编码", "", "QX-0101"),
            column("received_date", "接待日期", true, "必填：日期 yyyy-MM-dd，2000 年至今", "", "2025-03-02"),
            coded("channel", "渠道", true, "必填", Channel.class, "VISIT"),
            coded("category", "主要类别", true, "必填", Category.class, "MARRIAGE_DISPUTE"),
            column("other_categories", "其他类别", false, "选填：类别代码，多个用分号 ; 隔开", "", "DOMESTIC_VIOLENCE"),
            coded("petition_type", "信访事项类型", true, "选填", PetitionType.class, "CLAIM"),
            column("summary", "事由摘要", false, "选填：不超过 2000 字", "", "丈夫长期酗酒，要求离婚并分割财产"),
            column("complainant_name", "求助人姓名", true, "必填：不超过 100 字", "", "张晓花"),
            coded("complainant_gender", "求助人性别", false, "选填", Gender.class, "FEMALE"),
            column("complainant_age", "求助人年龄", false, "选填：接待时的周岁 0–130，或出生年份 yyyy", "", "38"),
            column("minor_involved", "涉及未成年人", false, "选填：YES 或 NO（空 = NO）", List.of("YES", "NO"), "NO"),
            column("complainant_phone", "求助人电话", true, "选填：手机或固话，如 13812345678、010-12345678", "", "13812345678"),
            column("respondent_name", "被反映人姓名", true, "选填：不超过 100 字", "", "李大军"),
            column("respondent_relation", "被反映人与求助人关系", false, "选填：如 丈夫、前夫、雇主，不超过 50 字", "", "丈夫"),
            coded("review_decision", "受理审查结果", false,
                    "选填：空 = 有受理日期为 ACCEPTED，否则为 CONSULTATION_ANSWERED（当场咨询解答）", ReviewDecision.class,
                    "ACCEPTED"),
            column("review_date", "审查日期", false,
                    "不予受理、转送时必填；咨询解答可空（= 接待日期）；受理时用受理日期", "", ""),
            column("referred_to", "告知去向或转送单位", false, "不予受理、转送时必填：告知去向或转送的单位", "", ""),
            column("acknowledged_date", "告知日期", false, "选填：告知当事人受理情况的日期，不早于接待日期", "", "2025-03-03"),
            coded("acknowledgement_form", "告知方式", false, "填写告知日期时必填", AcknowledgementForm.class, "ORAL"),
            column("accepted_date", "受理日期", true, "受理时必填：日期，不早于接待日期", "", "2025-03-03"),
            coded("risk_level", "风险等级", false, "选填，仅受理案件", RiskLevel.class, "LOW"),
            column("extension_days", "延期天数", false, "选填：1–30，仅受理案件", "", ""),
            column("extension_approved_date", "延期批准日期", false, "填写延期天数时必填：受理之后、结案之前", "", ""),
            column("mediation_outcome", "调解结果", true, "选填，仅受理案件；须与结案原因一致", List.of(
                    "WRITTEN_AGREEMENT", "ORAL_AGREEMENT", "TERMINATED", "REFUSED"), "WRITTEN_AGREEMENT"),
            column("closed_date", "结案日期", true, "选填：空 = 尚未结案；不早于受理日期", "", "2025-04-10"),
            coded("closure_reason", "结案原因", true, "填写结案日期时必填", ClosureReason.class, "MEDIATED_WRITTEN"),
            column("follow_up_date", "回访日期", false, "填写回访结果时必填：不早于结案日期", "", "2025-05-08"),
            coded("follow_up_result", "回访结果", true, "选填，仅已结案案件", FollowUpResult.class, "SATISFIED"),
            coded("agreement_performed", "协议履行情况", false, "选填，仅已回访案件", AgreementPerformed.class, "YES"),
            column("referral_agency", "转介单位编码", false,
                    "选填，仅已结案案件：合作单位编码（见 /api/stations 的合作单位或管理页面）；尚未结案的转介请在系统中办理", "", ""),
            column("referral_date", "转介日期", false, "填写转介单位时必填：受理之后、结案之前", "", ""),
            coded("referral_answer", "转介答复", false, "选填：对方接收或拒绝", org.weiquan.referral.ReferralAnswer.class, ""),
            column("referral_answer_date", "转介答复日期", false, "填写转介答复时必填：转介之后、结案之前", "", ""),
            column("reopened_date", "重新办理日期", false, "选填：结案后重新办理的日期，不早于结案日期（和回访日期）", "", ""),
            column("second_closed_date", "再次结案日期", false, "选填：重新办理后再次结案的日期；空 = 仍在办理", "", ""),
            coded("second_closure_reason", "再次结案原因", false, "填写再次结案日期时必填", ClosureReason.class, ""));

    /** The code names, in template order. */
    public static final List<String> NAMES = ALL.stream().map(Column::name).toList();

    /** The columns every file's header must have (those of the first template). */
    public static final List<String> MUST_BE_PRESENT = ALL.stream().filter(Column::mustBePresent).map(Column::name)
            .toList();

    private LedgerColumns() {
    }

    public static Column of(String name) {
        return ALL.stream().filter(c -> c.name().equals(name)).findFirst().orElseThrow();
    }

    /**
     * The column a header cell names: the code ({@code accepted_date}), the Chinese name ({@code 受理日期}), or both
     * as the workbook writes them ({@code 受理日期 accepted_date}); other headers name no column.
     */
    public static Optional<String> named(String header) {
        String h = header == null ? "" : header.strip();
        for (Column c : ALL) {
            if (h.equals(c.name()) || h.equals(c.chinese()) || h.equals(c.header())) {
                return Optional.of(c.name());
            }
        }
        return Optional.empty();
    }

    /**
     * A coded cell as its code: the code itself, in any case, or a drop-down entry ({@code VISIT 来访}) by its first
     * word; anything else is left as it was (and refused by the check).
     */
    static String code(String column, String value) {
        Column c = of(column);
        if (!c.coded() || value.isEmpty()) {
            return value;
        }
        String first = value.split("\\s+", 2)[0].toUpperCase(Locale.ROOT);
        return c.values().contains(first) ? first : value;
    }

    private static Column column(String name, String chinese, boolean mustBePresent, String rule, Object values,
                                 String example) {
        @SuppressWarnings("unchecked")
        List<String> list = values instanceof List<?> l ? (List<String>) l : List.of();
        return new Column(name, chinese, mustBePresent, rule, list, example,
                name.equals("mediation_outcome") ? "MediationOutcome" : null);
    }

    private static <E extends Enum<E>> Column coded(String name, String chinese, boolean mustBePresent, String rule,
                                                    Class<E> type, String example) {
        return new Column(name, chinese, mustBePresent, rule,
                Arrays.stream(type.getEnumConstants()).map(Enum::name).toList(), example, type.getSimpleName());
    }
}
