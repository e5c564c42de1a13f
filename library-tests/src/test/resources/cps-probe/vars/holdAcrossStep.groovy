import io.probe.SerializableHolder
import io.probe.UnserializableHolder

/** Holds a library object in a local variable while a step (echo) runs. */
def call(boolean serializable) {
    def holder = serializable ? new SerializableHolder() : new UnserializableHolder()
    echo "holding ${holder.value}"
    return holder.value
}
