package io.iotworkbench.serial.flash;

/** The XMODEM control bytes and block sizes shared by {@link XmodemSender} and {@link XmodemReceiver}. */
final class Xmodem {

    static final int SOH = 0x01;
    static final int STX = 0x02;
    static final int EOT = 0x04;
    static final int ACK = 0x06;
    static final int NAK = 0x15;
    static final int CAN = 0x18;
    static final int CRC_MODE = 'C';
    static final int SHORT_BLOCK = 128;
    static final int LONG_BLOCK = 1024;

    private Xmodem() {
    }
}
