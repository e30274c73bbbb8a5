package io.iotworkbench.serial;

import com.fazecast.jSerialComm.SerialPort;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Lists the serial ports the operating system knows, through jSerialComm, likely WM boards first. Pseudo-terminals
 * (socat, the virtual board) are not listed; open them by path instead.
 *
 * <p>Stateless; safe from any thread. A listing asks the OS each time and takes a few milliseconds.
 */
public final class SerialPorts {

    private SerialPorts() {
    }

    public static List<PortInfo> list() {
        List<PortInfo> ports = new ArrayList<>();
        for (SerialPort port : SerialPort.getCommPorts()) {
            ports.add(describe(port));
        }
        ports.sort(Comparator.comparing((PortInfo p) -> !p.isLikelyWmBoard()).thenComparing(PortInfo::path));
        return ports;
    }

    static PortInfo describe(SerialPort port) {
        String description = port.getPortDescription();
        if (description == null || description.isBlank()) {
            description = port.getDescriptivePortName();
        }
        return new PortInfo(port.getSystemPortName(), port.getSystemPortPath(), description, port.getVendorID(),
                port.getProductID(), blankToNull(port.getSerialNumber()), blankToNull(port.getPortLocation()));
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() || s.equalsIgnoreCase("Unknown") ? null : s;
    }
}
