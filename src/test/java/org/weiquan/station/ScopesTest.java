package org.weiquan.station;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ScopesTest {

    @Test
    void aScopeIsWrittenIntoTheStatementAsItsPathsPrefix() {
        assertThat(Scopes.within("c.station.path", "/1/5/17/")).isEqualTo("SQL('? LIKE ''/1/5/17/%''', c.station.path)");
        assertThat(Scopes.within("s.path", "/1/")).isEqualTo("SQL('? LIKE ''/1/%''', s.path)");
    }

    @Test
    void onlyIdsBetweenSlashesReachTheStatement() {
        for (String path : new String[] {null, "", "1/5/", "/1/5", "/1/5/' OR ''='", "/1/%/", "/1/_/", "/a/"}) {
            assertThatThrownBy(() -> Scopes.within("c.station.path", path)).as(String.valueOf(path))
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }
}
