export async function register() {
  // The Edge runtime has no database drivers; everything here is Node-only.
  if (process.env.NEXT_RUNTIME === "nodejs") {
    const { startServer } = await import("./lib/startup");
    await startServer();
  }
}
