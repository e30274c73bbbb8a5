package io.iotworkbench.localcore;

import org.junit.jupiter.api.Test;

import java.security.KeyPair;
import java.security.interfaces.RSAPublicKey;
import java.util.HashSet;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** {@link KeyPairSupply}: keys made ahead are handed out once each; more are made on demand; close drops the rest. */
class KeyPairSupplyTest {

    @Test
    void handsOutTheKeysMadeAheadOnceEachThenMakesNewOnes() {
        try (KeyPairSupply supply = KeyPairSupply.ahead(3, 2)) {
            assertThat(supply.waiting()).isEqualTo(3);
            Set<java.math.BigInteger> moduli = new HashSet<>();
            for (int i = 0; i < 4; i++) {
                KeyPair pair = supply.take();
                RSAPublicKey pub = (RSAPublicKey) pair.getPublic();
                assertThat(pub.getModulus().bitLength()).isEqualTo(2048);
                moduli.add(pub.getModulus());
                assertThat(supply.waiting()).isEqualTo(Math.max(0, 2 - i));
            }
            assertThat(moduli).as("four different keys").hasSize(4);
        }
    }

    @Test
    void onDemandMakesEachKeyWhenTakenAndCloseDropsWhatWasNotTaken() {
        try (KeyPairSupply supply = KeyPairSupply.onDemand()) {
            assertThat(supply.waiting()).isZero();
            assertThat(supply.take().getPublic().getAlgorithm()).isEqualTo("RSA");
        }
        KeyPairSupply ahead = KeyPairSupply.ahead(2, 1);
        ahead.close();
        assertThat(ahead.waiting()).isZero();
        assertThat(KeyPairSupply.ahead(0, 2).waiting()).isZero();
    }
}
