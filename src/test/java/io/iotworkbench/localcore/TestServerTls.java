package io.iotworkbench.localcore;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import java.nio.file.Path;

/** Test access to the package-private {@link ServerTls}. */
public final class TestServerTls {

    private TestServerTls() {
    }

    public static SSLContext context(LocalCa ca, Path dir, String bind, TrustManager trust) throws Exception {
        return ServerTls.context(ca, dir, bind, trust);
    }
}
