/** The open-loop client as a process of its own: reads a job (JSON) on stdin, writes the result on stdout. */
import { openLoop, type OpenLoopJob } from "./open-loop.js";

let input = "";
process.stdin.setEncoding("utf8");
process.stdin.on("data", (d: string) => (input += d));
process.stdin.on("end", () => {
  openLoop(JSON.parse(input) as OpenLoopJob).then(
    (result) => process.stdout.write(JSON.stringify(result)),
    (err) => {
      console.error(err);
      process.exit(1);
    },
  );
});
