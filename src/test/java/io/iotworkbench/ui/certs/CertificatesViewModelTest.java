package io.iotworkbench.ui.certs;

import io.iotworkbench.cert.BundleCheck;
import io.iotworkbench.cert.BundleStore;
import io.iotworkbench.cert.CertificateFactory;
import io.iotworkbench.cert.CertificateFiles;
import io.iotworkbench.cert.KeyFiles;
import io.iotworkbench.cert.Verdict;
import io.iotworkbench.cert.WmSdkExport;
import io.iotworkbench.cert.WmUserDefEdit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The Certificates pane's view model without a toolkit: direct executors, real files, a real Local IoT Core. */
@Tag("slow")
class CertificatesViewModelTest {

    @TempDir
    Path dir;

    private CertsFixture fixture;
    private CertificatesViewModel vm;
    private final Instant now = Instant.now();

    @BeforeEach
    void setUp() {
        fixture = new CertsFixture(dir, Runnable::run);
        vm = new CertificatesViewModel(fixture.context, Runnable::run, Clock.systemUTC());
    }

    @AfterEach
    void tearDown() {
        vm.dispose();
        fixture.close();
    }

    private Path storeFile() {
        return dir.resolve("data").resolve(BundleStore.FOLDER).resolve(BundleStore.FILE);
    }

    @Test
    void aDroppedAwsDownloadFolderIsRecognisedCheckedAndSaved() throws Exception {
        Path folder = CertsFixture.download(dir.resolve("Downloads/thing"), "3f2a9c1d7e",
                now.minus(1, ChronoUnit.DAYS), now.plus(400, ChronoUnit.DAYS));
        vm.list().addFiles(List.of(folder));

        assertThat(vm.errorProperty().get()).as(vm.messageProperty().get()).isFalse();
        BundleItem item = vm.list().selectedProperty().get();
        assertThat(item.source()).isEqualTo(BundleItem.Source.STORE);
        assertThat(item.name()).isEqualTo("3f2a9c1d7e");
        assertThat(item.certificate().getFileName().toString()).isEqualTo("3f2a9c1d7e-certificate.pem.crt");
        assertThat(item.privateKey().getFileName().toString()).isEqualTo("3f2a9c1d7e-private.pem.key");
        assertThat(item.rootCa().getFileName().toString()).isEqualTo("AmazonRootCA1.pem");
        assertThat(vm.list().checks()).extracting(BundleCheck::name).contains(BundleCheck.KEY_MATCHES,
                BundleCheck.ROOT_CA);
        assertThat(vm.list().checks()).noneMatch(c -> c.verdict() == Verdict.ERROR);
        assertThat(vm.list().detail()).extracting(CertificatesViewModel.DetailField::label)
                .contains("Subject", "Issuer", "SHA-1", "SHA-256", "AWS id", "Private key");
        assertThat(vm.list().todayPositionProperty().get()).isBetween(0.0, 0.05);
        assertThat(Files.readString(storeFile())).contains("3f2a9c1d7e-certificate.pem.crt")
                .doesNotContain("PRIVATE KEY");

        CertificatesViewModel reopened = new CertificatesViewModel(fixture.context, Runnable::run,
                Clock.systemUTC());
        assertThat(reopened.list().bundles()).extracting(BundleItem::name).contains("3f2a9c1d7e");
        reopened.dispose();
    }

    @Test
    void badFilesEachGiveAClearMessageWriteNothingAndDoNotCrash() throws Exception {
        Path bad = Files.createDirectories(dir.resolve("bad"));
        Path goodKey = bad.resolve("good.key");
        KeyPair keys = CertificateFactory.newKeyPair(CertificateFactory.KeyType.EC_P256);
        KeyFiles.write(goodKey, keys.getPrivate(), null, KeyFiles.Format.PKCS8);
        Path goodCert = bad.resolve("good.crt");
        CertificateFiles.write(goodCert, CertificateFactory.selfSigned(keys, "CN=good", now.minusSeconds(60),
                now.plus(300, ChronoUnit.DAYS)));

        Path empty = Files.createFile(bad.resolve("empty.pem.crt"));
        expectRefused(() -> vm.list().addBundle("e", empty, goodKey, null), "empty");
        Path folder = Files.createDirectories(bad.resolve("folder.crt"));
        expectRefused(() -> vm.list().addBundle("d", folder, goodKey, null), "folder");
        Path garbage = bad.resolve("garbage.crt");
        Files.write(garbage, new byte[]{(byte) 0x89, 'P', 'N', 'G', 0, 1, 2, 3, (byte) 0xff});
        expectRefused(() -> vm.list().addBundle("g", garbage, goodKey, null), "garbage.crt");
        Path truncated = bad.resolve("truncated.crt");
        String pem = Files.readString(goodCert);
        Files.writeString(truncated, pem.substring(0, pem.length() / 2));
        expectRefused(() -> vm.list().addBundle("t", truncated, goodKey, null), "truncated.crt");
        Path huge = bad.resolve("huge.crt");
        Files.write(huge, new byte[2 * 1024 * 1024]);
        expectRefused(() -> vm.list().addBundle("h", huge, goodKey, null), "too big");
        expectRefused(() -> vm.list().addBundle("k", goodKey, goodKey, null), "good.key");
        Path nothing = Files.createDirectories(bad.resolve("nothing"));
        expectRefused(() -> vm.list().addFiles(List.of(nothing)), "No device certificate");

        KeyPair dsa = KeyPairGenerator.getInstance("DSA").generateKeyPair();
        Path dsaKey = bad.resolve("dsa.key");
        Files.writeString(dsaKey, io.iotworkbench.cert.Pem.privateKeyPkcs8(dsa.getPrivate()));
        expectRefused(() -> vm.list().addBundle("u", goodCert, dsaKey, null), "DSA");

        Path otherKey = bad.resolve("other.key");
        KeyFiles.write(otherKey, CertificateFactory.newKeyPair(CertificateFactory.KeyType.EC_P256).getPrivate(), null,
                KeyFiles.Format.PKCS8);
        expectRefused(() -> vm.list().addBundle("m", goodCert, otherKey, null), "Not saved");
        assertThat(vm.list().checks()).anyMatch(c -> c.name().equals(BundleCheck.KEY_MATCHES)
                && c.verdict() == Verdict.ERROR);

        Path expired = bad.resolve("expired.crt");
        CertificateFiles.write(expired, CertificateFactory.selfSigned(keys, "CN=old", now.minus(400, ChronoUnit.DAYS),
                now.minus(1, ChronoUnit.DAYS)));
        expectRefused(() -> vm.list().addBundle("x", expired, goodKey, null), "expired");
        assertThat(vm.list().todayPositionProperty().get()).isGreaterThan(1.0);

        Path ca = bad.resolve("ca.crt");
        CertificateFiles.write(ca, CertificateFactory.selfSignedCa(keys, "CN=My CA", now.minusSeconds(60),
                now.plus(300, ChronoUnit.DAYS)));
        expectRefused(() -> vm.list().addBundle("c", ca, goodKey, null), "CA");
        assertThat(vm.list().checks()).anyMatch(c -> c.name().equals(BundleCheck.END_ENTITY)
                && c.verdict() == Verdict.ERROR);

        vm.useInSession();
        assertThat(vm.errorProperty().get()).isTrue();
        assertThat(fixture.session.profile().certificateFile()).isNull();
        assertThat(storeFile()).doesNotExist();
        assertThat(vm.list().bundles()).noneMatch(b -> b.source() == BundleItem.Source.STORE);
    }

    private void expectRefused(Runnable action, String words) {
        action.run();
        assertThat(vm.errorProperty().get()).as("error flag after: " + vm.messageProperty().get()).isTrue();
        assertThat(vm.messageProperty().get()).isNotBlank().containsIgnoringCase(words);
        assertThat(vm.busyProperty().get()).isFalse();
    }

    @Test
    void anEncryptedKeyAsksForItsPasswordAndAWrongOneIsSaidPlainly() throws Exception {
        KeyPair keys = CertificateFactory.newKeyPair(CertificateFactory.KeyType.RSA_2048);
        Path cert = dir.resolve("enc-certificate.pem.crt");
        CertificateFiles.write(cert, CertificateFactory.selfSigned(keys, "CN=enc", now.minusSeconds(60),
                now.plus(100, ChronoUnit.DAYS)));
        Path key = dir.resolve("enc-private.pem.key");
        KeyFiles.write(key, keys.getPrivate(), "s3cret".toCharArray(), KeyFiles.Format.PKCS8);

        vm.list().addFiles(List.of(cert, key));
        assertThat(vm.list().passwordNeededProperty().get()).isTrue();
        assertThat(vm.list().selectedProperty().get().source()).isEqualTo(BundleItem.Source.UNSAVED);
        assertThat(vm.list().summaryProperty().get().subject()).isEqualTo("CN=enc");

        char[] wrong = "nope".toCharArray();
        vm.list().unlock(wrong);
        assertThat(wrong).containsOnly('\0');
        assertThat(vm.errorProperty().get()).isTrue();
        assertThat(vm.messageProperty().get()).containsIgnoringCase("password");
        assertThat(storeFile()).doesNotExist();

        vm.list().unlock("s3cret".toCharArray());
        assertThat(vm.errorProperty().get()).as(vm.messageProperty().get()).isFalse();
        assertThat(vm.list().selectedProperty().get().source()).isEqualTo(BundleItem.Source.STORE);
        assertThat(Files.readString(storeFile())).doesNotContain("s3cret");
    }

    @Test
    void createFromCsrOnTheLocalIoTCoreThenPolicyThingConnectExportAndUseInSession() throws Exception {
        fixture.session.setThingName("lamp-1");
        vm.creation().create("lamp-1", "CN=lamp-1", CertificateFactory.KeyType.EC_P256,
                CertificatesViewModel.CreateMethod.CSR);
        assertThat(vm.errorProperty().get()).as(vm.messageProperty().get()).isFalse();
        BundleItem item = vm.list().selectedProperty().get();
        assertThat(item.privateKey()).exists();
        assertThat(vm.list().checks()).noneMatch(c -> c.verdict() == Verdict.ERROR);

        vm.iotCore().refreshRegistration();
        assertThat(vm.iotCore().registrationProperty().get()).startsWith("ACTIVE");
        vm.iotCore().saveAndAttachPolicy();
        assertThat(vm.errorProperty().get()).as(vm.messageProperty().get()).isFalse();
        vm.iotCore().attachToSessionThing();
        assertThat(vm.iotCore().registrationProperty().get()).contains("device-least-privilege").contains("lamp-1");

        vm.connectionCheck().checkConnection();
        assertThat(vm.errorProperty().get()).as(vm.messageProperty().get()).isFalse();
        assertThat(vm.connectionCheck().connectionSteps()).isNotEmpty().allMatch(s -> s.verdict() == Verdict.OK);

        Path sdk = dir.resolve("wm_sdk");
        Files.createDirectories(sdk.resolve("components"));
        Path userDef = sdk.resolve(WmSdkExport.AWS_EXAMPLES).resolve("led_demo").resolve(WmUserDefEdit.USER_DEF);
        Files.createDirectories(userDef.getParent());
        Files.writeString(userDef, "#define AWS_IOT_ENDPOINT \"x\"\n#define THING_NAME \"wm_demo_1\"\n");
        vm.wmExport().exportWm(sdk, false);
        assertThat(vm.errorProperty().get()).as(vm.messageProperty().get()).isFalse();
        assertThat(vm.wmExport().demos()).containsExactly("led_demo");
        Path exportedKey = sdk.resolve(WmSdkExport.AWS_EXAMPLES).resolve(WmSdkExport.PRIVATE_KEY);
        assertThat(Files.readString(exportedKey)).startsWith("-----BEGIN EC PRIVATE KEY-----");
        vm.wmExport().planUserDef(sdk, "led_demo");
        assertThat(vm.wmExport().userDefDiffProperty().get()).contains("+#define THING_NAME \"lamp-1\"");
        assertThat(vm.messageProperty().get()).contains("loopback");
        assertThat(Files.readString(userDef)).contains("wm_demo_1");
        vm.wmExport().applyUserDef();
        assertThat(Files.readString(userDef)).contains("\"lamp-1\"");
        assertThat(userDef.resolveSibling("aws_user_def.h.bak")).exists();

        vm.useInSession();
        assertThat(vm.errorProperty().get()).as(vm.messageProperty().get()).isFalse();
        assertThat(fixture.session.profile().certificateFile()).isEqualTo(item.certificate().toString());
        assertThat(fixture.profiles.active().privateKeyFile()).isEqualTo(item.privateKey().toString());
        assertThat(vm.list().bundles()).anyMatch(b -> b.source() == BundleItem.Source.PROFILE);

        vm.iotCore().deleteFromIotCore();
        assertThat(vm.messageProperty().get()).contains("Deleted").contains("lamp-1");
        assertThat(vm.iotCore().registrationProperty().get()).isEqualTo("not registered on this IoT Core");
        assertThat(item.certificate()).exists();
    }

    @Test
    void detachStepsAndEveryCertificateOfTheAccountCanBeManagedFromTheList() throws Exception {
        fixture.session.setThingName("lamp-2");
        vm.creation().create("lamp-2", "CN=lamp-2", CertificateFactory.KeyType.EC_P256,
                CertificatesViewModel.CreateMethod.CSR);
        assertThat(vm.errorProperty().get()).as(vm.messageProperty().get()).isFalse();
        vm.iotCore().saveAndAttachPolicy();
        vm.iotCore().attachToSessionThing();
        assertThat(vm.iotCore().registrationProperty().get()).contains("device-least-privilege").contains("lamp-2");
        vm.iotCore().detachPolicy(vm.iotCore().policyNameProperty().get());
        assertThat(vm.errorProperty().get()).as(vm.messageProperty().get()).isFalse();
        assertThat(vm.iotCore().registrationProperty().get()).doesNotContain("device-least-privilege")
                .contains("lamp-2");
        vm.iotCore().detachFromThing("lamp-2");
        assertThat(vm.iotCore().registrationProperty().get()).contains("things []");
        vm.iotCore().detachPolicy(" ");
        assertThat(vm.errorProperty().get()).isTrue();

        String id = vm.list().selectedProperty().get() == null ? null
                : io.iotworkbench.cert.CertificateIds.of(io.iotworkbench.cert.PemFiles.readCertificates(
                        vm.list().selectedProperty().get().certificate()).get(0));
        vm.iotCore().listAccountCertificates();
        var mine = vm.iotCore().accountCertificates().stream().filter(c -> c.certificateId().equals(id)).findFirst()
                .orElseThrow();
        assertThat(mine.status()).isEqualTo("ACTIVE");
        vm.iotCore().onAccountCertificate(mine, CertificatesViewModel.AccountAction.DEACTIVATE);
        assertThat(vm.iotCore().accountCertificates()).filteredOn(c -> c.certificateId().equals(id))
                .singleElement().extracting(c -> c.status()).isEqualTo("INACTIVE");
        vm.iotCore().onAccountCertificate(mine, CertificatesViewModel.AccountAction.REVOKE);
        assertThat(vm.iotCore().accountCertificates()).filteredOn(c -> c.certificateId().equals(id))
                .singleElement().extracting(c -> c.status()).isEqualTo("REVOKED");
        vm.iotCore().onAccountCertificate(mine, CertificatesViewModel.AccountAction.DELETE);
        assertThat(vm.errorProperty().get()).as(vm.messageProperty().get()).isFalse();
        assertThat(vm.iotCore().accountCertificates()).noneMatch(c -> c.certificateId().equals(id));
        vm.iotCore().onAccountCertificate(null, CertificatesViewModel.AccountAction.ACTIVATE);
        assertThat(vm.errorProperty().get()).isTrue();
    }

    @Test
    void theWmExportRefusesAFolderThatIsNoSdkAndAsksBeforeReplacingFiles() throws Exception {
        Path folder = CertsFixture.download(dir.resolve("dl"), "77aa", now.minus(1, ChronoUnit.DAYS),
                now.plus(30, ChronoUnit.DAYS));
        vm.list().addFiles(List.of(folder));
        Path notSdk = Files.createDirectories(dir.resolve("Documents"));
        vm.wmExport().exportWm(notSdk, false);
        assertThat(vm.errorProperty().get()).isTrue();
        assertThat(vm.messageProperty().get()).contains("is not a WM IoT SDK");
        assertThat(notSdk).isEmptyDirectory();

        Path sdk = dir.resolve("sdk");
        Files.createDirectories(sdk.resolve("components"));
        Path cert = sdk.resolve(WmSdkExport.AWS_EXAMPLES).resolve(WmSdkExport.CERTIFICATE);
        Files.createDirectories(cert.getParent());
        Files.writeString(cert, "someone else's certificate\n");
        vm.wmExport().exportWm(sdk, false);
        assertThat(vm.wmExport().exportConflicts()).containsExactly(cert);
        assertThat(vm.messageProperty().get()).contains("Nothing was written");
        assertThat(Files.readString(cert)).isEqualTo("someone else's certificate\n");
        assertThat(sdk.resolve(WmSdkExport.AWS_EXAMPLES).resolve(WmSdkExport.PRIVATE_KEY)).doesNotExist();
        vm.wmExport().exportWm(sdk, true);
        assertThat(vm.errorProperty().get()).as(vm.messageProperty().get()).isFalse();
        assertThat(Files.readString(cert)).startsWith("-----BEGIN CERTIFICATE-----");
        vm.wmExport().applyUserDef();
        assertThat(vm.messageProperty().get()).contains("diff first");
    }

    @Test
    void anInvalidPolicyIsNotSent() {
        vm.iotCore().policyTextProperty().set("{\"Version\":\"2012-10-17\"");
        assertThat(vm.iotCore().policyProblems()).singleElement().asString().contains("not valid JSON");
        vm.iotCore().saveAndAttachPolicy();
        assertThat(vm.errorProperty().get()).isTrue();
        vm.iotCore().resetPolicy();
        assertThat(vm.iotCore().policyProblems()).isEmpty();
    }

    @Test
    void thePolicyEditorWarnsAboutTheClassicMistakes() {
        assertThat(vm.iotCore().policyWarnings()).isEmpty();
        vm.iotCore().policyTextProperty().set("{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
                + "\"Action\":\"iot:Subscribe\",\"Resource\":\"arn:aws:iot:*:*:topic/sensors/#\"}]}");
        assertThat(vm.iotCore().policyProblems()).isEmpty();
        assertThat(vm.iotCore().policyWarnings()).hasSize(2)
                .anySatisfy(w -> assertThat(w).contains("+ and # are not wildcards"))
                .anySatisfy(w -> assertThat(w).contains("iot:Subscribe is checked against topicfilter/"));
        vm.iotCore().resetPolicy();
        assertThat(vm.iotCore().policyWarnings()).isEmpty();
    }
}
