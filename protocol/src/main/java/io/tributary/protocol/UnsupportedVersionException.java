package io.tributary.protocol;

/**
 * A message cannot be read or written at the requested version: the version is outside the
 * schema's range, or a field that cannot be dropped holds a value the version has no room for.
 */
public final class UnsupportedVersionException extends RuntimeException {

    public UnsupportedVersionException(String message) {
        super(message);
    }
}
