package dev.canarylab.lab.runtime.kube;

import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.fabric8.mockwebserver.dsl.HttpMethod;
import io.fabric8.mockwebserver.http.Buffer;
import io.fabric8.mockwebserver.http.Headers;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;

/**
 * fabric8's CRUD mock server, with server-side apply: the mock answers an apply with 415 (and any patch of a
 * missing object with 404). Here an apply of a missing object creates it, and an apply of an existing one
 * replaces it (status kept): the same result as the API server's apply for the lab, which always applies whole
 * objects with one field manager. Every request path is kept, for the namespace-isolation test.
 */
final class ApplyingMockServer {

    private ApplyingMockServer() {
    }

    static final List<String> PATHS = java.util.Collections.synchronizedList(new ArrayList<>());

    static KubernetesMockServer start() {
        KubernetesMockServer server = new KubernetesMockServer(new Context(), new MockWebServer(), new HashMap<>(),
                new Dispatcher(), true);
        server.init();
        return server;
    }

    private static final class Dispatcher extends KubernetesCrudDispatcher {

        @Override
        public MockResponse dispatch(RecordedRequest request) {
            PATHS.add(request.getMethod() + " " + request.getPath());
            return super.dispatch(request);
        }

        @Override
        public MockResponse handlePatch(RecordedRequest request) {
            String type = request.getHeader("Content-Type");
            if (type == null || !type.startsWith("application/apply-patch")) {
                return super.handlePatch(request);
            }
            byte[] bytes = request.getBody() == null ? new byte[0] : request.getBody().readByteArray();
            String path = request.getPath();
            int query = path.indexOf('?');
            String object = query < 0 ? path : path.substring(0, query);
            Headers json = request.getHeaders().newBuilder().set("Content-Type", "application/json").build();
            if (findResource(getKey(object)) != null) {
                return handleUpdate(new RecordedRequest(request.getHttpVersion(), HttpMethod.PUT, object, json, new Buffer(bytes)));
            }
            String collection = object.substring(0, object.lastIndexOf('/'));
            return handleCreate(new RecordedRequest(request.getHttpVersion(), HttpMethod.POST, collection, json,
                    new Buffer(bytes)));
        }
    }
}
