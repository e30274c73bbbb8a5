package io.iotworkbench.ui.certs;

import io.iotworkbench.aws.AwsClients;
import io.iotworkbench.cert.AmazonRootCas;
import io.iotworkbench.cert.CertificateFactory;
import io.iotworkbench.cert.CertificateFiles;
import io.iotworkbench.cert.KeyFiles;
import io.iotworkbench.localcore.LocalCoreRuntime;
import io.iotworkbench.mqtt.MessagePipeline;
import io.iotworkbench.mqtt.MqttConnection;
import io.iotworkbench.mqtt.PipelineLimits;
import io.iotworkbench.session.ProfileStore;
import io.iotworkbench.session.Session;
import io.iotworkbench.ui.common.FxSession;
import io.iotworkbench.ui.common.PaneContext;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Instant;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

/**
 * A real Certificates pane context on temporary folders: profile store, session, Local IoT Core runtime (started only
 * when an action needs it), AWS clients, MQTT connection and pipeline. Also writes AWS-console-like download folders.
 */
final class CertsFixture implements AutoCloseable {

    final Path dir;
    final ProfileStore profiles;
    final Session session;
    final LocalCoreRuntime localCore;
    final AwsClients aws;
    final MqttConnection connection;
    final MessagePipeline pipeline;
    final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
    final PaneContext context;

    CertsFixture(Path dir, Executor fx) {
        this.dir = dir;
        profiles = ProfileStore.open(dir.resolve("config"));
        session = new Session(profiles.active());
        localCore = new LocalCoreRuntime(dir.resolve("data"));
        aws = new AwsClients(localCore);
        connection = new MqttConnection(session, localCore);
        pipeline = new MessagePipeline(PipelineLimits.defaults());
        context = new PaneContext(new FxSession(session, fx), connection, pipeline, localCore, aws, fx, scheduler,
                profiles, dir.resolve("data"));
    }

    /** An AWS console download: xxxx-certificate.pem.crt, xxxx-private.pem.key, xxxx-public.pem.key, AmazonRootCA1. */
    static Path download(Path folder, String prefix, Instant notBefore, Instant notAfter) throws Exception {
        Files.createDirectories(folder);
        KeyPair keys = CertificateFactory.newKeyPair(CertificateFactory.KeyType.RSA_2048);
        CertificateFiles.write(folder.resolve(prefix + "-certificate.pem.crt"),
                CertificateFactory.selfSigned(keys, "CN=" + prefix, notBefore, notAfter));
        KeyFiles.write(folder.resolve(prefix + "-private.pem.key"), keys.getPrivate(), null,
                KeyFiles.Format.TRADITIONAL);
        Files.writeString(folder.resolve(prefix + "-public.pem.key"), io.iotworkbench.cert.Pem.publicKey(
                keys.getPublic()));
        Files.writeString(folder.resolve("AmazonRootCA1.pem"), AmazonRootCas.pem(1));
        return folder;
    }

    @Override
    public void close() {
        connection.close();
        aws.close();
        localCore.close();
        scheduler.shutdownNow();
        pipeline.close();
    }
}
