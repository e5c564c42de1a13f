package io.probe

/** The same holder, Serializable: allowed to be live while a step runs. */
class SerializableHolder implements Serializable {
    String value = 'held'
}
