package io.github.segshap.core.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NpyTest {
    @TempDir
    Path dir;

    @Test
    void doublesRoundTripWithShapeAndSpecialValues() {
        double[] v = new Random(1).doubles(2 * 3 * 4).toArray();
        v[0] = Double.NaN;
        v[1] = Double.NEGATIVE_INFINITY;
        v[2] = -0.0;
        Path p = dir.resolve("a.npy");
        Npy.write(p, v, 2, 3, 4);
        NpyArray a = Npy.read(p);
        assertEquals(NpyDType.FLOAT64, a.dtype());
        assertArrayEquals(new int[] {2, 3, 4}, a.shape());
        assertArrayEquals(v, a.toDoubles());
    }

    @Test
    void floatsIntsBytesBooleansRoundTrip() {
        float[] f = {1.5f, -2f, Float.NaN, 3.25e-20f, 7f, 8f};
        Npy.write(dir.resolve("f.npy"), f, 3, 2);
        assertArrayEquals(f, Npy.read(dir.resolve("f.npy")).toFloats());
        int[] i = {Integer.MIN_VALUE, -1, 0, 1, Integer.MAX_VALUE};
        Npy.write(dir.resolve("i.npy"), i);
        NpyArray ia = Npy.read(dir.resolve("i.npy"));
        assertArrayEquals(new int[] {5}, ia.shape());
        assertArrayEquals(i, ia.toInts());
        byte[] u = {0, 1, (byte) 200, (byte) 255};
        Npy.writeUint8(dir.resolve("u.npy"), u, 2, 2);
        NpyArray ua = Npy.read(dir.resolve("u.npy"));
        assertEquals(NpyDType.UINT8, ua.dtype());
        assertArrayEquals(new double[] {0, 1, 200, 255}, ua.toDoubles());
        boolean[] b = {true, false, false, true, true, false};
        Npy.write(dir.resolve("b.npy"), b, 1, 2, 3);
        NpyArray ba = Npy.read(dir.resolve("b.npy"));
        assertEquals(NpyDType.BOOL, ba.dtype());
        assertArrayEquals(b, ba.toBooleans());
    }

    @Test
    void headerIsNumpyVersionOneAlignedTo64() throws IOException {
        Path p = dir.resolve("h.npy");
        Npy.write(p, new double[12], 3, 4);
        byte[] all = Files.readAllBytes(p);
        assertEquals((byte) 0x93, all[0]);
        assertEquals("NUMPY", new String(all, 1, 5, StandardCharsets.US_ASCII));
        assertEquals(1, all[6]);
        assertEquals(0, all[7]);
        int headerLength = ByteBuffer.wrap(all, 8, 2).order(ByteOrder.LITTLE_ENDIAN).getShort() & 0xFFFF;
        assertEquals(0, (10 + headerLength) % 64);
        String header = new String(all, 10, headerLength, StandardCharsets.ISO_8859_1);
        assertTrue(header.startsWith("{'descr': '<f8', 'fortran_order': False, 'shape': (3, 4), }"), header);
        assertTrue(header.endsWith("\n"));
        assertEquals(10 + headerLength + 12 * 8, all.length);
        // 1-D and scalar shapes use Python tuple syntax
        assertTrue(new String(Npy.header(NpyDType.FLOAT32, new int[] {5}), StandardCharsets.ISO_8859_1)
                .contains("'shape': (5,), }"));
        assertTrue(new String(Npy.header(NpyDType.FLOAT32, new int[0]), StandardCharsets.ISO_8859_1)
                .contains("'shape': (), }"));
    }

    @Test
    void readsAFileLaidOutByNumpysSpecification() throws IOException {
        // bytes as numpy.save writes np.arange(6, dtype='<i4').reshape(2, 3), built by hand from the spec
        String dict = "{'descr': '<i4', 'fortran_order': False, 'shape': (2, 3), }";
        StringBuilder h = new StringBuilder(dict);
        while ((10 + h.length() + 1) % 64 != 0) {
            h.append(' ');
        }
        h.append('\n');
        ByteBuffer b = ByteBuffer.allocate(10 + h.length() + 24).order(ByteOrder.LITTLE_ENDIAN);
        b.put((byte) 0x93).put("NUMPY".getBytes(StandardCharsets.US_ASCII)).put((byte) 1).put((byte) 0);
        b.putShort((short) h.length()).put(h.toString().getBytes(StandardCharsets.US_ASCII));
        for (int i = 0; i < 6; i++) {
            b.putInt(i);
        }
        Path p = dir.resolve("np.npy");
        Files.write(p, b.array());
        NpyArray a = Npy.read(p);
        assertArrayEquals(new int[] {2, 3}, a.shape());
        assertArrayEquals(new int[] {0, 1, 2, 3, 4, 5}, a.toInts());
    }

    @Test
    void writeIsAtomicAndLeavesNoTemporaryFiles() throws IOException {
        Path p = dir.resolve("sub/x.npy");
        Npy.write(p, new float[] {1, 2, 3});
        Npy.write(p, new float[] {4, 5});
        assertArrayEquals(new float[] {4, 5}, Npy.read(p).toFloats());
        try (Stream<Path> s = Files.list(p.getParent())) {
            assertEquals(1, s.count());
        }
    }

    @Test
    void badFilesAreRejectedNamingTheFile() throws IOException {
        Path p = dir.resolve("t.npy");
        Npy.write(p, new double[] {1, 2, 3, 4}, 2, 2);
        byte[] all = Files.readAllBytes(p);
        Path truncated = dir.resolve("truncated.npy");
        Files.write(truncated, Arrays.copyOf(all, all.length - 3));
        NpyFormatException e = assertThrows(NpyFormatException.class, () -> Npy.read(truncated));
        assertTrue(e.getMessage().contains("truncated.npy") && e.getMessage().contains("truncated"), e.getMessage());

        Path fortran = dir.resolve("fortran.npy");
        Files.write(fortran, new String(all, StandardCharsets.ISO_8859_1).replace("False", "True ")
                .getBytes(StandardCharsets.ISO_8859_1));
        assertTrue(assertThrows(NpyFormatException.class, () -> Npy.read(fortran)).getMessage().contains("Fortran"));

        Path big = dir.resolve("big.npy");
        Files.write(big, new String(all, StandardCharsets.ISO_8859_1).replace("<f8", ">f8")
                .getBytes(StandardCharsets.ISO_8859_1));
        assertTrue(assertThrows(NpyFormatException.class, () -> Npy.read(big)).getMessage().contains(">f8"));

        Path text = dir.resolve("text.npy");
        Files.writeString(text, "hello, not an array");
        assertTrue(assertThrows(NpyFormatException.class, () -> Npy.read(text)).getMessage().contains("text.npy"));

        assertThrows(IllegalArgumentException.class, () -> Npy.write(dir.resolve("bad.npy"), new double[5], 2, 3));
        assertThrows(IllegalStateException.class, () -> Npy.read(p).toFloats());
    }
}
