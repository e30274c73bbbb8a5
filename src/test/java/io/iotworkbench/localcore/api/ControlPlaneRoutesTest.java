package io.iotworkbench.localcore.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.iotworkbench.cert.CertificateFactory;
import io.iotworkbench.cert.Pem;
import io.iotworkbench.cert.PemFiles;
import io.iotworkbench.localcore.LocalCa;
import io.iotworkbench.localcore.registry.CertificateIssuer;
import io.iotworkbench.localcore.registry.CertificateStatus;
import io.iotworkbench.localcore.registry.Registry;
import io.iotworkbench.localcore.store.LocalCoreDatabase;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.iot.IotClient;
import software.amazon.awssdk.services.iot.model.CertificateDescription;
import software.amazon.awssdk.services.iot.model.CertificateStateException;
import software.amazon.awssdk.services.iot.model.CertificateValidationException;
import software.amazon.awssdk.services.iot.model.CreateKeysAndCertificateResponse;
import software.amazon.awssdk.services.iot.model.CreateThingResponse;
import software.amazon.awssdk.services.iot.model.DeleteConflictException;
import software.amazon.awssdk.services.iot.model.DescribeThingResponse;
import software.amazon.awssdk.services.iot.model.GetPolicyResponse;
import software.amazon.awssdk.services.iot.model.InvalidRequestException;
import software.amazon.awssdk.services.iot.model.IotException;
import software.amazon.awssdk.services.iot.model.ListCertificatesResponse;
import software.amazon.awssdk.services.iot.model.ListThingsResponse;
import software.amazon.awssdk.services.iot.model.MalformedPolicyException;
import software.amazon.awssdk.services.iot.model.ResourceAlreadyExistsException;
import software.amazon.awssdk.services.iot.model.ResourceNotFoundException;
import software.amazon.awssdk.services.iot.model.ThingAttribute;
import software.amazon.awssdk.services.iot.model.ThingPrincipalType;
import software.amazon.awssdk.services.iot.model.VersionConflictException;

import java.io.StringWriter;
import java.net.ProtocolException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/** The control plane driven only by the real AWS SDK v2 {@link IotClient} over real HTTP. */
@Tag("integration")
class ControlPlaneRoutesTest {

    private static final String BROKER_HOST = "broker.local.test";
    private static final String POLICY = """
            {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["iot:Connect","iot:Publish"],\
            "Resource":"*"}]}""";

    @TempDir
    Path dir;

    private LocalCoreDatabase db;
    private Registry registry;
    private ApiServer server;
    private IotClient iot;

    @BeforeEach
    void start() throws Exception {
        open();
    }

    @AfterEach
    void stop() {
        shut();
    }

    private void open() throws Exception {
        db = LocalCoreDatabase.open(dir.resolve("data"));
        registry = new Registry(db);
        LocalCa ca = LocalCa.openOrCreate(dir.resolve("ca"), Clock.systemUTC());
        Router router = new Router();
        new ControlPlaneRoutes(registry, new CertificateIssuer(registry, ca), () -> BROKER_HOST).register(router);
        server = ApiServer.start("127.0.0.1", 0, router);
        iot = client(UrlConnectionHttpClient.create());
    }

    private void shut() {
        iot.close();
        server.close();
        db.close();
    }

    private IotClient client(SdkHttpClient http) {
        return IotClient.builder().region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDLOCAL",
                        "secret")))
                .endpointOverride(URI.create(server.endpoint())).httpClient(http).build();
    }

    private static X509Certificate selfSigned() {
        KeyPair keys = CertificateFactory.newKeyPair(CertificateFactory.KeyType.EC_P256);
        return CertificateFactory.selfSigned(keys, "CN=my-device", Instant.now().minus(Duration.ofDays(1)),
                Instant.now().plus(Duration.ofDays(90)));
    }

    private static String pem(Object o) throws Exception {
        StringWriter out = new StringWriter();
        try (JcaPEMWriter w = new JcaPEMWriter(out)) {
            w.writeObject(o);
        }
        return out.toString();
    }

    private X509Certificate parse(String pem) throws Exception {
        Path file = Files.writeString(dir.resolve("c" + System.nanoTime() + ".pem"), pem);
        return PemFiles.readCertificates(file).get(0);
    }

    // ---------------------------------------------------------------- things

    @Test
    void createDescribeAndDeleteAThing() {
        iot.createThingType(r -> r.thingTypeName("TempSensor"));
        CreateThingResponse created = iot.createThing(r -> r.thingName("sensor-1").thingTypeName("TempSensor")
                .attributePayload(p -> p.attributes(Map.of("room", "lab", "floor", "2"))));
        assertThat(created.thingName()).isEqualTo("sensor-1");
        assertThat(created.thingArn()).isEqualTo("arn:aws:iot:us-east-1:000000000000:thing/sensor-1");
        assertThat(created.thingId()).matches("[0-9a-f-]{36}");

        DescribeThingResponse thing = iot.describeThing(r -> r.thingName("sensor-1"));
        assertThat(thing.thingName()).isEqualTo("sensor-1");
        assertThat(thing.defaultClientId()).isEqualTo("sensor-1");
        assertThat(thing.thingId()).isEqualTo(created.thingId());
        assertThat(thing.thingArn()).isEqualTo(created.thingArn());
        assertThat(thing.thingTypeName()).isEqualTo("TempSensor");
        assertThat(thing.attributes()).isEqualTo(Map.of("room", "lab", "floor", "2"));
        assertThat(thing.version()).isEqualTo(1L);

        iot.deleteThing(r -> r.thingName("sensor-1"));
        assertThatThrownBy(() -> iot.describeThing(r -> r.thingName("sensor-1")))
                .isInstanceOfSatisfying(ResourceNotFoundException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(404);
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ResourceNotFoundException");
                    assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("Thing sensor-1 cannot be found.");
                    assertThat(e.requestId()).isNotBlank();
                });
        iot.deleteThing(r -> r.thingName("sensor-1"));
    }

    @Test
    void createThingIsIdempotentForTheSameConfigurationAndConflictsOtherwise() {
        String id = iot.createThing(r -> r.thingName("t").attributePayload(p -> p.attributes(Map.of("a", "1"))))
                .thingId();
        assertThat(iot.createThing(r -> r.thingName("t").attributePayload(p -> p.attributes(Map.of("a", "1"))))
                .thingId()).isEqualTo(id);
        assertThatThrownBy(() -> iot.createThing(r -> r.thingName("t")
                .attributePayload(p -> p.attributes(Map.of("a", "2")))))
                .isInstanceOfSatisfying(ResourceAlreadyExistsException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(409);
                    assertThat(e.awsErrorDetails().errorMessage()).contains("Thing t already exists");
                });
    }

    @Test
    void invalidThingNamesAndBillingGroupsAreRefused() {
        assertThatThrownBy(() -> iot.createThing(r -> r.thingName("bad name")))
                .isInstanceOfSatisfying(InvalidRequestException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(400);
                    assertThat(e.awsErrorDetails().errorMessage()).contains("'bad name'");
                });
        assertThatThrownBy(() -> iot.createThing(r -> r.thingName("t").billingGroupName("g")))
                .isInstanceOf(ResourceNotFoundException.class).hasMessageContaining("Billing group g");
        assertThat(registry.findThing("t")).isEmpty();
    }

    @Test
    void listThingsPagesWithMaxResultsAndFilters() {
        iot.createThingType(r -> r.thingTypeName("Lamp"));
        iot.createThingType(r -> r.thingTypeName("Plug"));
        for (String n : List.of("d", "b", "e", "a", "c")) {
            iot.createThing(r -> r.thingName("thing-" + n).thingTypeName(n.compareTo("c") < 0 ? "Lamp" : "Plug")
                    .attributePayload(p -> p.attributes(Map.of("color", n.equals("a") || n.equals("e") ? "red"
                            : "blue"))));
        }
        List<String> names = new ArrayList<>();
        List<Integer> pageSizes = new ArrayList<>();
        String token = null;
        do {
            String t = token;
            ListThingsResponse page = iot.listThings(r -> r.maxResults(2).nextToken(t));
            pageSizes.add(page.things().size());
            page.things().forEach(x -> names.add(x.thingName()));
            token = page.nextToken();
        } while (token != null);
        assertThat(pageSizes).containsExactly(2, 2, 1);
        assertThat(names).containsExactly("thing-a", "thing-b", "thing-c", "thing-d", "thing-e");

        assertThat(iot.listThingsPaginator(r -> r.maxResults(2)).things().stream().map(ThingAttribute::thingName))
                .containsExactlyElementsOf(names);
        ThingAttribute first = iot.listThings(r -> r.maxResults(1)).things().get(0);
        assertThat(first.thingArn()).endsWith(":thing/thing-a");
        assertThat(first.thingTypeName()).isEqualTo("Lamp");
        assertThat(first.attributes()).containsEntry("color", "red");
        assertThat(first.version()).isEqualTo(1L);

        assertThat(iot.listThings(r -> r.attributeName("color").attributeValue("red")).things())
                .extracting(ThingAttribute::thingName).containsExactly("thing-a", "thing-e");
        assertThat(iot.listThings(r -> r.thingTypeName("Lamp")).things())
                .extracting(ThingAttribute::thingName).containsExactly("thing-a", "thing-b");
        assertThat(iot.listThings(r -> r.attributeName("color").attributeValue("bl").usePrefixAttributeValue(true))
                .things()).hasSize(3);
        assertThatThrownBy(() -> iot.listThings(r -> r.maxResults(251))).isInstanceOf(InvalidRequestException.class);
    }

    @Test
    void updateThingMergesAttributesAndChecksTheExpectedVersion() {
        iot.createThingType(r -> r.thingTypeName("Lamp"));
        iot.createThing(r -> r.thingName("t").attributePayload(p -> p.attributes(Map.of("a", "1", "b", "2"))));
        try (IotClient patching = client(new io.iotworkbench.aws.JdkHttpTransport())) {
            patching.updateThing(r -> r.thingName("t").expectedVersion(1L)
                    .attributePayload(p -> p.attributes(Map.of("b", "", "c", "3")).merge(true)));
            DescribeThingResponse merged = iot.describeThing(r -> r.thingName("t"));
            assertThat(merged.attributes()).isEqualTo(Map.of("a", "1", "c", "3"));
            assertThat(merged.version()).isEqualTo(2L);

            patching.updateThing(r -> r.thingName("t").thingTypeName("Lamp")
                    .attributePayload(p -> p.attributes(Map.of("z", "9"))));
            DescribeThingResponse replaced = iot.describeThing(r -> r.thingName("t"));
            assertThat(replaced.attributes()).isEqualTo(Map.of("z", "9"));
            assertThat(replaced.thingTypeName()).isEqualTo("Lamp");
            assertThat(replaced.version()).isEqualTo(3L);

            assertThatThrownBy(() -> patching.updateThing(r -> r.thingName("t").expectedVersion(1L)
                    .attributePayload(p -> p.attributes(Map.of("z", "0")))))
                    .isInstanceOfSatisfying(VersionConflictException.class, e -> {
                        assertThat(e.statusCode()).isEqualTo(409);
                        assertThat(e.awsErrorDetails().errorMessage()).contains("expected 1, current 3");
                    });
            assertThatThrownBy(() -> patching.updateThing(r -> r.thingName("ghost")))
                    .isInstanceOf(ResourceNotFoundException.class);
        }
        assertThatThrownBy(() -> iot.deleteThing(r -> r.thingName("t").expectedVersion(2L)))
                .isInstanceOf(VersionConflictException.class);
    }

    @Test
    void theUrlConnectionClientCannotSendUpdateThingsPatch() {
        iot.createThing(r -> r.thingName("t"));
        assertThatThrownBy(() -> iot.updateThing(r -> r.thingName("t").thingTypeName("Lamp")))
                .hasRootCauseInstanceOf(ProtocolException.class).hasMessageContaining("PATCH");
        assertThat(iot.describeThing(r -> r.thingName("t")).version()).isEqualTo(1L);
    }

    // ---------------------------------------------------------- certificates

    @Test
    void createKeysAndCertificateReturnsAMatchingPkcs1KeyAndAContentAddressedId() throws Exception {
        CreateKeysAndCertificateResponse created = iot.createKeysAndCertificate(r -> r.setAsActive(true));
        assertThat(created.keyPair().privateKey()).startsWith("-----BEGIN RSA PRIVATE KEY-----");
        assertThat(created.keyPair().publicKey()).startsWith("-----BEGIN PUBLIC KEY-----");
        assertThat(created.certificatePem()).startsWith("-----BEGIN CERTIFICATE-----");

        X509Certificate cert = parse(created.certificatePem());
        PrivateKey key = PemFiles.readPrivateKey(Files.writeString(dir.resolve("private.pem.key"),
                created.keyPair().privateKey()));
        Signature signer = Signature.getInstance("SHA256withRSA");
        signer.initSign(key);
        signer.update("proof".getBytes());
        byte[] signature = signer.sign();
        Signature verifier = Signature.getInstance("SHA256withRSA");
        verifier.initVerify(cert.getPublicKey());
        verifier.update("proof".getBytes());
        assertThat(verifier.verify(signature)).as("the private key belongs to the certificate").isTrue();
        assertThat(((java.security.interfaces.RSAKey) key).getModulus().bitLength()).isEqualTo(2048);

        String sha256 = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(cert.getEncoded()));
        assertThat(created.certificateId()).isEqualTo(sha256);
        assertThat(created.certificateArn()).isEqualTo("arn:aws:iot:us-east-1:000000000000:cert/" + sha256);

        CertificateDescription d = iot.describeCertificate(r -> r.certificateId(created.certificateId()))
                .certificateDescription();
        assertThat(d.status().toString()).isEqualTo("ACTIVE");
        assertThat(d.certificatePem()).isEqualTo(created.certificatePem());
        assertThat(d.certificateArn()).isEqualTo(created.certificateArn());
        assertThat(d.caCertificateId()).isNull();
        assertThat(d.ownedBy()).isEqualTo("000000000000");
        assertThat(d.certificateModeAsString()).isEqualTo("DEFAULT");
        assertThat(d.validity().notAfter()).isEqualTo(Instant.parse("2049-12-31T23:59:59Z"));
        assertThat(d.creationDate()).isCloseTo(Instant.now(), within(Duration.ofMinutes(1)));
        assertThat(d.lastModifiedDate()).isEqualTo(d.creationDate());
        assertThat(d.customerVersion()).isEqualTo(1);
        assertThat(cert.getSubjectX500Principal().getName()).isEqualTo("CN=AWS IoT Certificate");

        String inactive = iot.createKeysAndCertificate(r -> { }).certificateId();
        assertThat(registry.certificateStatus(inactive)).contains(CertificateStatus.INACTIVE);
    }

    @Test
    void createCertificateFromAnEcP256Csr() throws Exception {
        KeyPair keys = CertificateFactory.newKeyPair(CertificateFactory.KeyType.EC_P256);
        String csr = pem(CertificateFactory.csr(keys, "CN=sensor-1"));
        var created = iot.createCertificateFromCsr(r -> r.certificateSigningRequest(csr).setAsActive(true));
        X509Certificate cert = parse(created.certificatePem());
        assertThat(cert.getPublicKey()).isEqualTo(keys.getPublic());
        assertThat(cert.getIssuerX500Principal().getName()).contains("IoT Workbench Local CA");
        assertThat(created.certificateId()).isEqualTo(HexFormat.of().formatHex(
                MessageDigest.getInstance("SHA-256").digest(cert.getEncoded())));
        assertThat(iot.describeCertificate(r -> r.certificateId(created.certificateId())).certificateDescription()
                .statusAsString()).isEqualTo("ACTIVE");

        KeyPair rsa = CertificateFactory.newKeyPair(CertificateFactory.KeyType.RSA_2048);
        KeyPair other = CertificateFactory.newKeyPair(CertificateFactory.KeyType.RSA_2048);
        String forged = pem(new org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder(
                new org.bouncycastle.asn1.x500.X500Name("CN=x"), rsa.getPublic()).build(
                new org.bouncycastle.operator.jcajce.JcaContentSignerBuilder("SHA256withRSA")
                        .build(other.getPrivate())));
        assertThatThrownBy(() -> iot.createCertificateFromCsr(r -> r.certificateSigningRequest(forged)))
                .isInstanceOfSatisfying(InvalidRequestException.class, e -> assertThat(e.statusCode()).isEqualTo(400))
                .hasMessageContaining("signature");
        assertThatThrownBy(() -> iot.createCertificateFromCsr(r -> r.certificateSigningRequest("not a csr")))
                .isInstanceOf(InvalidRequestException.class);
    }

    @Test
    void registerCertificateWithoutCa() throws Exception {
        X509Certificate cert = selfSigned();
        var registered = iot.registerCertificateWithoutCA(r -> r.certificatePem(Pem.certificate(cert))
                .status("ACTIVE"));
        assertThat(registered.certificateId()).isEqualTo(HexFormat.of().formatHex(
                MessageDigest.getInstance("SHA-256").digest(cert.getEncoded())));
        CertificateDescription d = iot.describeCertificate(r -> r.certificateId(registered.certificateId()))
                .certificateDescription();
        assertThat(d.certificateModeAsString()).isEqualTo("SNI_ONLY");
        assertThat(d.statusAsString()).isEqualTo("ACTIVE");
        assertThat(d.validity().notAfter()).isEqualTo(cert.getNotAfter().toInstant());

        assertThatThrownBy(() -> iot.registerCertificateWithoutCA(r -> r.certificatePem(Pem.certificate(cert))))
                .isInstanceOfSatisfying(ResourceAlreadyExistsException.class,
                        e -> assertThat(e.statusCode()).isEqualTo(409));
        assertThatThrownBy(() -> iot.registerCertificateWithoutCA(r -> r.certificatePem("garbage")))
                .isInstanceOfSatisfying(CertificateValidationException.class,
                        e -> assertThat(e.statusCode()).isEqualTo(400));
        assertThatThrownBy(() -> iot.registerCertificateWithoutCA(r -> r.certificatePem(Pem.certificate(selfSigned()))
                .status("SLEEPY"))).isInstanceOf(InvalidRequestException.class).hasMessageContaining("SLEEPY");
    }

    @Test
    void certificateStatusRulesAndDeletion() {
        List<String> heard = Collections.synchronizedList(new ArrayList<>());
        registry.addCertificateStatusListener((id, status) -> heard.add(String.valueOf(status)));
        String id = iot.createKeysAndCertificate(r -> r.setAsActive(true)).certificateId();
        String arn = registry.certificateArn(id);

        assertThatThrownBy(() -> iot.deleteCertificate(r -> r.certificateId(id)))
                .isInstanceOfSatisfying(CertificateStateException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(406);
                    assertThat(e.awsErrorDetails().errorMessage())
                            .isEqualTo("Certificate must be deactivated (not ACTIVE) before deletion. Id: " + id);
                });

        iot.updateCertificate(r -> r.certificateId(id).newStatus("INACTIVE"));
        assertThat(registry.certificateStatus(id)).contains(CertificateStatus.INACTIVE);
        iot.createThing(r -> r.thingName("t"));
        iot.attachThingPrincipal(r -> r.thingName("t").principal(arn));
        assertThatThrownBy(() -> iot.deleteCertificate(r -> r.certificateId(id).forceDelete(true)))
                .isInstanceOfSatisfying(DeleteConflictException.class, e -> assertThat(e.statusCode()).isEqualTo(409))
                .hasMessageContaining("Things must be detached");
        iot.detachThingPrincipal(r -> r.thingName("t").principal(arn));

        iot.updateCertificate(r -> r.certificateId(id).newStatus("REVOKED"));
        assertThatThrownBy(() -> iot.updateCertificate(r -> r.certificateId(id).newStatus("ACTIVE")))
                .isInstanceOf(CertificateStateException.class);
        assertThatThrownBy(() -> iot.updateCertificate(r -> r.certificateId(id).newStatus("PENDING_TRANSFER")))
                .isInstanceOf(InvalidRequestException.class);

        iot.deleteCertificate(r -> r.certificateId(id));
        assertThat(heard).containsExactly("INACTIVE", "REVOKED", "null");
        assertThatThrownBy(() -> iot.describeCertificate(r -> r.certificateId(id)))
                .isInstanceOfSatisfying(ResourceNotFoundException.class, e -> assertThat(e.statusCode()).isEqualTo(404))
                .hasMessageContaining(id);
        assertThatThrownBy(() -> iot.describeCertificate(r -> r.certificateId("not-hex")))
                .isInstanceOf(InvalidRequestException.class);
    }

    @Test
    void listCertificatesPagesWithPageSizeAndMarker() {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            ids.add(iot.createKeysAndCertificate(r -> r.setAsActive(false)).certificateId());
        }
        List<String> listed = new ArrayList<>();
        String marker = null;
        int pages = 0;
        do {
            String m = marker;
            ListCertificatesResponse page = iot.listCertificates(r -> r.pageSize(2).marker(m).ascendingOrder(true));
            page.certificates().forEach(c -> {
                listed.add(c.certificateId());
                assertThat(c.statusAsString()).isEqualTo("INACTIVE");
                assertThat(c.certificateArn()).endsWith(c.certificateId());
                assertThat(c.creationDate()).isNotNull();
            });
            marker = page.nextMarker();
            pages++;
        } while (marker != null);
        assertThat(pages).isEqualTo(3);
        assertThat(listed).containsExactlyInAnyOrderElementsOf(ids).doesNotHaveDuplicates();
        assertThat(iot.listCertificatesPaginator(r -> r.pageSize(2)).certificates().stream().count()).isEqualTo(5);
    }

    // -------------------------------------------------------------- policies

    @Test
    void policiesAreCreatedReadListedAttachedAndDeleted() {
        var created = iot.createPolicy(r -> r.policyName("device").policyDocument(POLICY));
        assertThat(created.policyArn()).isEqualTo("arn:aws:iot:us-east-1:000000000000:policy/device");
        assertThat(created.policyVersionId()).isEqualTo("1");
        assertThat(created.policyDocument()).isEqualTo(POLICY);

        GetPolicyResponse got = iot.getPolicy(r -> r.policyName("device"));
        assertThat(got.policyDocument()).isEqualTo(POLICY);
        assertThat(got.defaultVersionId()).isEqualTo("1");
        assertThat(got.creationDate()).isCloseTo(Instant.now(), within(Duration.ofMinutes(1)));
        assertThat(iot.listPolicies().policies()).extracting(p -> p.policyName()).containsExactly("device");

        assertThatThrownBy(() -> iot.createPolicy(r -> r.policyName("device").policyDocument(POLICY)))
                .isInstanceOf(ResourceAlreadyExistsException.class);
        assertThatThrownBy(() -> iot.createPolicy(r -> r.policyName("broken").policyDocument("{\"Statement\":")))
                .isInstanceOfSatisfying(MalformedPolicyException.class, e -> assertThat(e.statusCode()).isEqualTo(400));
        assertThatThrownBy(() -> iot.createPolicy(r -> r.policyName("empty").policyDocument("{\"Version\":\"1\"}")))
                .isInstanceOf(MalformedPolicyException.class).hasMessageContaining("Statement");

        String arn = iot.createKeysAndCertificate(r -> r.setAsActive(true)).certificateArn();
        iot.attachPolicy(r -> r.policyName("device").target(arn));
        assertThat(iot.listAttachedPolicies(r -> r.target(arn)).policies())
                .extracting(p -> p.policyName() + "=" + p.policyArn()).containsExactly("device=" + created.policyArn());
        assertThat(iot.listTargetsForPolicy(r -> r.policyName("device")).targets()).containsExactly(arn);
        assertThatThrownBy(() -> iot.deletePolicy(r -> r.policyName("device")))
                .isInstanceOfSatisfying(DeleteConflictException.class, e -> assertThat(e.statusCode()).isEqualTo(409));

        iot.detachPolicy(r -> r.policyName("device").target(arn));
        assertThat(iot.listAttachedPolicies(r -> r.target(arn)).policies()).isEmpty();
        iot.deletePolicy(r -> r.policyName("device"));
        assertThatThrownBy(() -> iot.getPolicy(r -> r.policyName("device")))
                .isInstanceOf(ResourceNotFoundException.class);
        assertThatThrownBy(() -> iot.attachPolicy(r -> r.policyName("device").target(arn)))
                .isInstanceOf(ResourceNotFoundException.class);
    }

    // ------------------------------------------------------ thing principals

    @Test
    void thingPrincipalsTravelInTheHeaderAndBlockDeletingTheThing() {
        String arn = iot.createKeysAndCertificate(r -> r.setAsActive(true)).certificateArn();
        iot.createThing(r -> r.thingName("a"));
        iot.createThing(r -> r.thingName("b"));
        iot.attachThingPrincipal(r -> r.thingName("a").principal(arn));
        iot.attachThingPrincipal(r -> r.thingName("b").principal(arn));
        assertThat(iot.listThingPrincipals(r -> r.thingName("a")).principals()).containsExactly(arn);
        assertThat(iot.listPrincipalThings(r -> r.principal(arn)).things()).containsExactly("a", "b");
        assertThat(iot.listPrincipalThings(r -> r.principal(arn).maxResults(1)).nextToken()).isNotNull();

        assertThatThrownBy(() -> iot.deleteThing(r -> r.thingName("a")))
                .isInstanceOfSatisfying(InvalidRequestException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(400);
                    assertThat(e.awsErrorDetails().errorMessage())
                            .startsWith("Cannot delete. Thing a is still attached to one or more principals");
                });
        assertThatThrownBy(() -> iot.attachThingPrincipal(r -> r.thingName("a").principal(arn)
                .thingPrincipalType(ThingPrincipalType.EXCLUSIVE_THING))).isInstanceOf(InvalidRequestException.class);

        iot.detachThingPrincipal(r -> r.thingName("a").principal(arn));
        iot.deleteThing(r -> r.thingName("a"));
        assertThat(iot.listPrincipalThings(r -> r.principal(arn)).things()).containsExactly("b");
        assertThatThrownBy(() -> iot.attachThingPrincipal(r -> r.thingName("ghost").principal(arn)))
                .isInstanceOf(ResourceNotFoundException.class);
        assertThatThrownBy(() -> iot.listThingPrincipals(r -> r.thingName("ghost")))
                .isInstanceOf(ResourceNotFoundException.class);
    }

    // ------------------------------------------------------------- endpoint

    @Test
    void describeEndpointAnswersTheBrokerHost() {
        assertThat(iot.describeEndpoint(r -> r.endpointType("iot:Data-ATS")).endpointAddress()).isEqualTo(BROKER_HOST);
        assertThat(iot.describeEndpoint(r -> { }).endpointAddress()).isEqualTo(BROKER_HOST);
        assertThatThrownBy(() -> iot.describeEndpoint(r -> r.endpointType("iot:Nope")))
                .isInstanceOf(InvalidRequestException.class).hasMessageContaining("iot:Nope");
    }

    // ------------------------------------------------------------ durability

    @Test
    void theRegistrySurvivesClosingAndReopeningTheDatabase() throws Exception {
        iot.createThing(r -> r.thingName("persistent").attributePayload(p -> p.attributes(Map.of("k", "v"))));
        var cert = iot.createKeysAndCertificate(r -> r.setAsActive(true));
        iot.createPolicy(r -> r.policyName("p").policyDocument(POLICY));
        iot.attachPolicy(r -> r.policyName("p").target(cert.certificateArn()));
        iot.attachThingPrincipal(r -> r.thingName("persistent").principal(cert.certificateArn()));
        shut();

        open();
        assertThat(iot.describeThing(r -> r.thingName("persistent")).attributes()).isEqualTo(Map.of("k", "v"));
        assertThat(iot.describeCertificate(r -> r.certificateId(cert.certificateId())).certificateDescription()
                .certificatePem()).isEqualTo(cert.certificatePem());
        assertThat(registry.certificateStatus(cert.certificateId())).contains(CertificateStatus.ACTIVE);
        assertThat(iot.listAttachedPolicies(r -> r.target(cert.certificateArn())).policies()).hasSize(1);
        assertThat(iot.listThingPrincipals(r -> r.thingName("persistent")).principals())
                .containsExactly(cert.certificateArn());
    }

    // --------------------------------------------------------------- errors

    @Test
    void anOperationTheLocalCoreLacksIsAnAwsShapedErrorWithoutAStackTrace() throws Exception {
        HttpResponse<String> raw = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(server.endpoint() + "/thing-groups/my-group"))
                .header("Authorization", "AWS4-HMAC-SHA256 Credential=AKIDLOCAL/20240101/us-east-1/iot/aws4_request, "
                        + "SignedHeaders=host, Signature=00")
                .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(raw.statusCode()).isEqualTo(404);
        assertThat(raw.headers().firstValue("x-amzn-ErrorType")).contains("UnknownOperationException");
        assertThat(raw.headers().firstValue("Content-Type")).contains("application/json");
        JsonNode body = new ObjectMapper().readTree(raw.body());
        assertThat(body.get("__type").asText()).isEqualTo("UnknownOperationException");
        assertThat(body.get("message").asText()).contains("POST /thing-groups/my-group");
        assertThat(raw.body()).doesNotContain("\tat ", "Exception:", ".java:");

        assertThatThrownBy(() -> iot.listThingGroups()).isInstanceOfSatisfying(IotException.class, e -> {
            assertThat(e.statusCode()).isEqualTo(404);
            assertThat(e.awsErrorDetails().errorCode()).isEqualTo("UnknownOperationException");
        });
    }

    @Test
    void aMalformedJsonBodyIsAnInvalidRequest() throws Exception {
        HttpResponse<String> raw = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(server.endpoint() + "/things/t"))
                .POST(HttpRequest.BodyPublishers.ofString("{\"thingTypeName\": ")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(raw.statusCode()).isEqualTo(400);
        assertThat(raw.headers().firstValue("x-amzn-ErrorType")).contains("InvalidRequestException");
        assertThat(new ObjectMapper().readTree(raw.body()).get("__type").asText()).isEqualTo("InvalidRequestException");
        assertThat(registry.findThing("t")).isEmpty();
    }

    @Test
    void requestsSignedForExecuteApiAsTheDebianAwsCliSignsThemReachTheControlPlane() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        HttpResponse<String> created = SignedRequests.send(http, "POST", URI.create(server.endpoint()
                + "/things/cli-thing"), "{}", "execute-api", "AKIDLOCAL", "secret");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(200);
        assertThat(new ObjectMapper().readTree(created.body()).get("thingName").asText()).isEqualTo("cli-thing");
        HttpResponse<String> listed = SignedRequests.send(http, "GET", URI.create(server.endpoint()
                + "/things?maxResults=10"), null, "execute-api", "AKIDLOCAL", "secret");
        assertThat(listed.statusCode()).isEqualTo(200);
        assertThat(listed.body()).contains("cli-thing");
        assertThat(SignedRequests.send(http, "GET", URI.create(server.endpoint() + "/endpoint?endpointType="
                + "iot%3AData-ATS"), null, "execute-api", "AKIDLOCAL", "secret").body()).contains(BROKER_HOST);
    }
}
