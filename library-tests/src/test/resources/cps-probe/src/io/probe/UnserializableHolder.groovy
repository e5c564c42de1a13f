package io.probe

/** Deliberately not Serializable: a library class like this must not be live while a step runs. */
class UnserializableHolder {
    String value = 'held'
}
