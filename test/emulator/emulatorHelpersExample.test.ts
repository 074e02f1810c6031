/** The README's emulator-helpers example (examples/emulatorHelpers.ts), run as the test it is. */
import "../../examples/emulatorHelpers.js"
