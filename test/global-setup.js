// Runs once in jest's own process, before any worker starts. Node resets V8's time-zone cache
// when the real process.env.TZ is assigned, and workers inherit this environment; setup files
// only see jest's per-test copy of process.env, which V8 never reads.
module.exports = function globalSetup() {
  process.env.TZ = 'Asia/Shanghai'
}
