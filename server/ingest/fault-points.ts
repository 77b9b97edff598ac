/**
 * Named places where a test can freeze a load (SEND_FAULT_POINT=<name>) and kill the
 * process, to prove a load is all-or-nothing. Does nothing unless that variable is set.
 */
export async function faultPoint(name: string): Promise<void> {
  if (process.env.SEND_FAULT_POINT !== name) return;
  console.log(`FAULT POINT REACHED: ${name}`);
  await new Promise<void>(() => {
    setInterval(() => undefined, 60_000);
  });
}
