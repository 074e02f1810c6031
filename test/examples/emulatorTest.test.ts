/** The README's "test with the emulator" example (examples/emulatorTest.ts), run as the test it is. */
import "../../examples/emulatorTest.js"
