package io.iotworkbench.ui.certs;

import io.iotworkbench.ui.common.FxSession;
import io.iotworkbench.ui.common.PaneViewModel;

import java.util.List;

/**
 * View model of the Certificates pane. Follows the session's current thing and connection state.
 *
 * <p>FX thread; testable without a toolkit.
 */
public final class CertificatesViewModel extends PaneViewModel {

    public CertificatesViewModel(FxSession fxSession) {
        super(fxSession);
    }

    @Override
    public String title() {
        return "Certificates";
    }

    @Override
    public String purpose() {
        return "Read, check, create, register and export device certificates, keys and root CAs.";
    }

    @Override
    public List<String> capabilities() {
        return List.of(
                "Open PEM/DER certificates and PKCS#1, PKCS#8 and EC keys, with plain-language checks",
                "Create keys and certificates (CSR first, so the key never leaves the machine)",
                "Register, activate, revoke and delete certificates on the Local IoT Core or AWS",
                "Export the WM SDK certificate files with the names the firmware expects");
    }
}
