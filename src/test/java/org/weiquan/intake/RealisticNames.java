package org.weiquan.intake;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Realistic Chinese names for tuning the duplicate rule, deterministic for a seed.
 *
 * <p>Surnames with their share of the population (公安部 2019/2020 name statistics, rounded: 王 7.1 %, 李 7.0 %,
 * 张 6.7 % … the top 100 cover about 85 %), the rest drawn from less common and compound surnames. Given names of
 * one or two characters (a quarter of people have two-character names) from common given-name characters
 * weighted by a Zipf law (rank r has weight r^-0.4), separately for women and men, with one character in three
 * from a wider pool of ordinary characters. Calibrated so that the most common full names (王伟, 张伟, 李娜,
 * 王芳) come out at about 2–3 per 10,000 people, as in the statistics (张伟 ≈ 2.1 per 10,000).
 */
public final class RealisticNames {

    /** Top surnames and their share in per mille of the population. */
    private static final String TOP = "王71李70张67刘51陈46杨32黄25赵23吴20周19徐15孙14马13朱13胡12郭11何11林10高10"
            + "罗9郑9梁8谢7宋6唐6许6韩6冯5邓5曹5彭5曾5肖5田5董4袁4潘4于4蒋4蔡4余4杜4叶4程3苏3魏3吕3丁3任3"
            + "沈3姚3卢3姜3崔3钟2谭2陆2汪2范2金2石2廖2贾2夏2韦2付2方2白2邹2孟2熊2秦2邱1江1尹1薛1闫1段1"
            + "雷1侯1龙1史1陶1黎1贺1顾1毛1郝1龚1邵1万1钱1严1覃1武1戴1莫1孔1向1汤1";
    /** Less common surnames, drawn evenly for the remaining share. */
    private static final String[] RARE = ("常 温 康 施 文 牛 樊 葛 邢 安 齐 易 乔 伍 庞 颜 倪 庄 聂 章 鲁 岳 翟 殷 詹 申 "
            + "欧 耿 关 兰 焦 俞 左 柳 甘 祝 包 宁 尚 符 舒 阮 柯 纪 梅 童 凌 毕 单 季 裴 霍 涂 成 苗 谷 盛 曲 翁 冉 骆 蓝 "
            + "路 游 辛 靳 管 柴 蒙 鲍 华 喻 祁 蒲 房 滕 屈 饶 解 牟 艾 尤 阳 时 穆 农 司 卓 古 吉 缪 简 车 项 连 芦 麦 "
            + "褚 娄 窦 戚 岑 景 党 宫 费 卜 冷 晏 席 卫 米 柏 宗 瞿 桂 全 佟 应 臧 闵 苟 邬 边 卞 姬 师 和 仇 栾 隋 商 "
            + "刁 沙 荣 巫 寇 桑 郎 甄 丛 仲 虞 敖 巩 明 佘 池 查 麻 苑 迟 邝 欧阳 司马 上官 诸葛 东方 皇甫 尉迟 令狐")
            .split(" ");
    private static final String FEMALE = "秀英丽芳娟敏静燕艳霞玲红梅兰华桂凤萍琳婷雪慧颖佳欣悦琪萱茹岚晶洁倩莉娜丹琴云莲珍"
            + "玉月春美爱露瑶怡雯菊香荣淑翠巧素彩宁琼娥妍璐蕾薇青晓小晨娇媛婉思雨梦";
    private static final String MALE = "伟强磊军勇杰涛明超刚平辉鹏华飞鑫波斌宇浩凯健俊帆帅旭宁龙林峰建国志文东海亮成新"
            + "永胜利忠斌春生德兵江晓小子豪博俊阳庆光义金泽宏天一振家毅瑞祥";
    private static final String WIDE = "安邦宝贝彬冰灿昌畅朝琛辰承诚驰崇初川传春纯聪丛翠达丹道德迪典鼎冬栋朵恩尔凡方芬丰"
            + "锋枫凤福富钢高歌根庚功巩谷冠广贵国涵含汉航和河荷恒弘红虹鸿厚虎花怀欢焕辉会惠慧吉季佳嘉坚剑江姜皎杰洁锦"
            + "晋京经景静境菊娟钧骏开康柯可克坤兰岚朗乐雷黎丽莲良亮林凌玲琳龄铃柳龙露禄路伦罗洛满茂梅美萌蒙孟淼敏名铭"
            + "墨木沐娜楠妮宁宁凝诺欧鹏萍璞圃奇琦启千谦倩强乔巧勤青清晴庆琼秋群然冉仁任荣容蓉睿瑞润若森山珊善尚韶少绍"
            + "深升生盛诗石实世仕书舒淑树双爽顺朔思松颂素涛腾天田恬铁亭婷彤桐童拓万旺威薇维伟文雯武舞西希熙霞夏先贤娴"
            + "显香祥翔向潇筱小孝笑心欣新鑫信兴星杏雄秀旭萱璇学雪勋雅亚妍岩炎彦艳燕阳杨仰瑶耀野叶一依仪怡宜以亦奕益逸"
            + "毅音银英莹盈颖永咏勇友有宇雨语玉育昱钰煜元园远媛月悦越云芸允韵泽增展湛章昭照哲真振正之芝知志治智中忠"
            + "钟舟洲竹卓子紫宗祖尊佐";

    private static final double TWO_CHARACTER_SHARE = 0.25;
    private static final double WIDE_SHARE = 1.0 / 3;

    /** Given-name characters are less concentrated than 1/r: the top one is about 3 % of all. */
    private static final double ZIPF_EXPONENT = 0.4;

    private final Random random;
    private final List<String> surnames = new ArrayList<>();
    private final double[] surnameCumulative;
    private final double[] femaleCumulative;
    private final double[] maleCumulative;

    public RealisticNames(Random random) {
        this.random = random;
        List<Double> weights = new ArrayList<>();
        double top = 0;
        for (int i = 0; i < TOP.length(); ) {
            String surname = TOP.substring(i, i + 1);
            int j = i + 1;
            while (j < TOP.length() && Character.isDigit(TOP.charAt(j))) {
                j++;
            }
            double share = Integer.parseInt(TOP.substring(i + 1, j)) / 1000.0;
            surnames.add(surname);
            weights.add(share);
            top += share;
            i = j;
        }
        double rest = (1 - top) / RARE.length;
        for (String s : RARE) {
            surnames.add(s);
            weights.add(rest);
        }
        surnameCumulative = cumulative(weights);
        femaleCumulative = zipf(FEMALE.length());
        maleCumulative = zipf(MALE.length());
    }

    private static double[] zipf(int n) {
        List<Double> w = new ArrayList<>();
        for (int r = 1; r <= n; r++) {
            w.add(Math.pow(r, -ZIPF_EXPONENT));
        }
        return cumulative(w);
    }

    private static double[] cumulative(List<Double> weights) {
        double total = weights.stream().mapToDouble(Double::doubleValue).sum();
        double[] c = new double[weights.size()];
        double run = 0;
        for (int i = 0; i < c.length; i++) {
            run += weights.get(i) / total;
            c[i] = run;
        }
        return c;
    }

    private int pick(double[] cumulative) {
        double x = random.nextDouble();
        for (int i = 0; i < cumulative.length; i++) {
            if (x < cumulative[i]) {
                return i;
            }
        }
        return cumulative.length - 1;
    }

    public String surname() {
        return surnames.get(pick(surnameCumulative));
    }

    /** One given-name character for a woman or a man. */
    public String givenCharacter(boolean female) {
        if (random.nextDouble() < WIDE_SHARE) {
            return String.valueOf(WIDE.charAt(random.nextInt(WIDE.length())));
        }
        return female ? String.valueOf(FEMALE.charAt(pick(femaleCumulative)))
                : String.valueOf(MALE.charAt(pick(maleCumulative)));
    }

    public String name(boolean female) {
        String given = givenCharacter(female);
        if (random.nextDouble() >= TWO_CHARACTER_SHARE) {
            given += givenCharacter(female);
        }
        return surname() + given;
    }

    /** Ordinary characters by their toneless reading, to retype a name with a homophone. */
    Map<String, List<String>> homophones() {
        Map<String, List<String>> byReading = new HashMap<>();
        String all = FEMALE + MALE + WIDE;
        for (int i = 0; i < all.length(); i++) {
            String c = String.valueOf(all.charAt(i));
            List<String> same = byReading.computeIfAbsent(PersonName.pinyin(c), k -> new ArrayList<>());
            if (!same.contains(c)) {
                same.add(c);
            }
        }
        return byReading;
    }

    /** A character of the wide pool, to mistype one. */
    String anyCharacter() {
        return String.valueOf(WIDE.charAt(random.nextInt(WIDE.length())));
    }
}
