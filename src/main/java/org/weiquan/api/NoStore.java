package org.weiquan.api;

import jakarta.ws.rs.core.Response;

/** Case data must not linger in browser or proxy caches. */
final class NoStore {

    private NoStore() {
    }

    static Response ok(Object entity) {
        return Response.ok(entity).header("Cache-Control", "no-store").build();
    }
}
