package io.iotworkbench.cert;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Instant;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@Tag("integration")
class CSourceExportTest {

    @TempDir
    Path dir;

    @Test
    void aPemBecomesANulTerminatedStringThatACompilerReproducesByteForByte() throws Exception {
        KeyPair keys = CertificateFactory.newKeyPair(CertificateFactory.KeyType.EC_P256);
        var cert = CertificateFactory.selfSigned(keys, "CN=c-export", Instant.now(), Instant.now().plusSeconds(3600));
        Path pem = dir.resolve("1234-certificate.pem.crt");
        CertificateFiles.write(pem, cert);
        String header = CSourceExport.header(pem, null);
        assertThat(header).contains("static const char pem_1234_certificate_pem_crt[] =")
                .contains("#define pem_1234_certificate_pem_crt_len (sizeof(pem_1234_certificate_pem_crt))")
                .contains("    \"-----BEGIN CERTIFICATE-----\\n\"");

        Path h = dir.resolve("cert.h");
        Files.writeString(h, header);
        Path c = dir.resolve("dump.c");
        Files.writeString(c, "#include <stdio.h>\n#include <string.h>\n#include \"cert.h\"\nint main(void){"
                + "fwrite(pem_1234_certificate_pem_crt,1,pem_1234_certificate_pem_crt_len,stdout);"
                + "return pem_1234_certificate_pem_crt[pem_1234_certificate_pem_crt_len-1] != 0;}\n");
        Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/gcc")), "gcc is needed to compile the header");
        Path exe = dir.resolve("dump");
        Process cc = new ProcessBuilder("gcc", "-Wall", "-Werror", "-o", exe.toString(), c.toString())
                .redirectErrorStream(true).start();
        assertThat(cc.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(cc.exitValue()).as(new String(cc.getInputStream().readAllBytes())).isZero();
        Process run = new ProcessBuilder(exe.toString()).start();
        byte[] out = run.getInputStream().readAllBytes();
        assertThat(run.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(run.exitValue()).isZero();
        byte[] expected = (Files.readString(pem).strip() + "\n\0").getBytes(StandardCharsets.US_ASCII);
        assertThat(out).isEqualTo(expected);
    }

    @Test
    void badInputIsRefusedWithTheReason() throws Exception {
        Path empty = Files.createFile(dir.resolve("empty.pem"));
        assertThatThrownBy(() -> CSourceExport.header(empty, null)).hasMessageContaining("is empty");
        assertThatThrownBy(() -> CSourceExport.header(dir, null)).hasMessageContaining("is a folder");
        Path der = dir.resolve("cert.der");
        Files.write(der, new byte[]{0x30, (byte) 0x82, 0x01, 0x0a, 0x02});
        assertThatThrownBy(() -> CSourceExport.header(der, null)).hasMessageContaining("binary");
        Path text = dir.resolve("notes.txt");
        Files.writeString(text, "hello");
        assertThatThrownBy(() -> CSourceExport.header(text, null)).hasMessageContaining("no complete PEM");
        Path big = dir.resolve("big.pem");
        Files.write(big, new byte[(int) PemFiles.MAX_BYTES + 1]);
        assertThatThrownBy(() -> CSourceExport.header(big, null)).hasMessageContaining("1 MB");
        Path ok = dir.resolve("ok.pem");
        Files.writeString(ok, "-----BEGIN X-----\nAA==\n-----END X-----\n");
        assertThatThrownBy(() -> CSourceExport.header(ok, "9lives")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not a C identifier");
        assertThat(CSourceExport.symbolFor(Path.of("AmazonRootCA1.pem"))).isEqualTo("amazonrootca1_pem");
    }
}
