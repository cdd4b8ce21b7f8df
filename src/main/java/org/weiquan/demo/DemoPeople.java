package org.weiquan.demo;

/**
 * Who does the demo's work in each sub-district (城关 QX-01, 河西 QX-02): the intake user, the mediator (of the
 * sub-district's community station) and the supervisor who decides. The quick start's are the demo users of the
 * README; the integration test brings its own.
 */
public record DemoPeople(String intake01, String intake02, String mediator01, String mediator02, String supervisor01,
                         String supervisor02) {

    /** The README's demo users: 王芳 and 赵丽 register, 刘敏 and 赵丽 mediate, 陈静 and the county's 孙红 decide. */
    public static final DemoPeople DEMO_USERS = new DemoPeople("jiedai", "hexi", "tiaojie", "hexi", "zhuren",
            "xianfulian");

    private static boolean hexi(String stationCode) {
        return stationCode.startsWith("QX-02");
    }

    String intakeOf(String stationCode) {
        return hexi(stationCode) ? intake02 : intake01;
    }

    String mediatorOf(String stationCode) {
        return hexi(stationCode) ? mediator02 : mediator01;
    }

    String supervisorOf(String stationCode) {
        return hexi(stationCode) ? supervisor02 : supervisor01;
    }

    /** The station the supervisor belongs to: the sub-district's centre at 城关, the county at 河西. */
    String supervisorStationOf(String stationCode) {
        return hexi(stationCode) ? "QX" : "QX-01";
    }
}
