import { wallet } from "../api";
import { creditsLabel } from "../credits";
import { h, messageArea, showMessage } from "../dom";
import { ComputeSession, type ComputeFigures } from "./compute-session";
import type { ComputeHub } from "./work-protocol";

// The watch page's compute controls: an opt-in switch (off until the viewer turns it on), the CPU share, and live
// figures. Computing runs only while the switch is on, the page holds a hub connection, and the video is playing;
// any of those ending stops it (results handed in, compute switched off, the running task terminated).

const WalletPollMs = 3_000;
const Shares = [25, 50, 75, 100];
const DefaultShare = 50;

export interface ComputePanel {
  element: HTMLElement;
  /** The page's hub connection once registered, or null when viewing stops; stopping hands results in first. */
  attach(hub: ComputeHub | null): void;
  /** Stops computing for good (the page is leaving). */
  close(): void;
}

export function computePanel(video: HTMLVideoElement): ComputePanel {
  const toggle = h("input", { type: "checkbox", id: "compute-switch", role: "switch" });
  const share = h("select", { id: "compute-share" }, ...Shares.map((percent) => h("option", { value: String(percent) }, `${percent} %`)));
  share.value = String(DefaultShare);
  const cells = { state: cell("compute-state"), done: cell("compute-done"), failed: cell("compute-failed"), earned: cell("credits-earned") };
  const message = messageArea();
  const element = h("section", { class: "compute", "aria-labelledby": "compute-heading" },
    h("h2", { id: "compute-heading" }, "Compute"),
    h("p", { class: "hint" }, "Lend spare processing time to compute customers while you watch, and earn credits for it."),
    h("div", { class: "field switch" }, toggle, h("label", { for: toggle.id }, "Compute while watching")),
    h("div", { class: "field" }, h("label", { for: share.id }, "CPU share"), share),
    h("dl", { class: "figures compact" },
      figure("State", cells.state), figure("Tasks done", cells.done), figure("Tasks failed", cells.failed), figure("Credits earned", cells.earned)),
    message);

  let hub: ComputeHub | null = null;
  let session: ComputeSession | null = null;
  let figures = freshFigures();
  let closed = false;
  let walletTimer = 0;
  let baseline: number | null = null;
  let earned = 0;

  const render = () => {
    cells.state.textContent = !toggle.checked ? "off" : figures.running ? "computing" : hub === null ? "waiting for the swarm" : "paused";
    cells.state.dataset.state = cells.state.textContent;
    // Not shown, for scripts and tests: leases skipped as too late, and results the server refused or never got.
    cells.state.dataset.skipped = String(figures.skipped);
    cells.state.dataset.refused = String(figures.refused);
    cells.done.textContent = String(figures.done);
    cells.done.dataset.count = String(figures.done);
    cells.failed.textContent = String(figures.failed);
    cells.failed.dataset.count = String(figures.failed);
    cells.earned.textContent = creditsLabel(earned);
    cells.earned.dataset.microCredits = String(earned);
    if (figures.message) showMessage(message, figures.message, "error");
  };

  const pollWallet = async () => {
    try {
      const posted = (await wallet()).balance.posted.microCredits;
      if (baseline === null) baseline = posted;
      earned = posted - baseline;
      render();
    } catch {
      // The next poll tries again; the figure stays as it was.
    }
  };

  // Brings computing in line with the switch, the connection and the player.
  const update = () => {
    const wanted = !closed && toggle.checked && hub !== null && !video.paused && !video.ended;
    if (wanted && session === null) {
      session = new ComputeSession(hub!, () => Number(share.value) / 100, figures, render);
      void session.start();
    } else if (!wanted && session !== null) {
      void session.stop();
      session = null;
    }
    render();
  };

  toggle.addEventListener("change", () => {
    window.clearInterval(walletTimer);
    if (toggle.checked) {
      figures = freshFigures();
      baseline = null;
      earned = 0;
      showMessage(message, "");
      void pollWallet();
      walletTimer = window.setInterval(() => void pollWallet(), WalletPollMs);
    }
    update();
  });
  for (const event of ["play", "playing", "pause", "ended", "emptied"]) video.addEventListener(event, update);
  render();

  return {
    element,
    attach(next) {
      if (session !== null) {
        void session.stop();
        session = null;
      }
      hub = next;
      update();
    },
    close() {
      closed = true;
      window.clearInterval(walletTimer);
      update();
    },
  };
}

function freshFigures(): ComputeFigures {
  return { done: 0, failed: 0, skipped: 0, refused: 0, running: false, message: null };
}

function cell(id: string): HTMLElement {
  return h("dd", { id }, "–");
}

function figure(label: string, value: HTMLElement): HTMLElement {
  return h("div", { class: "figure" }, h("dt", {}, label), value);
}
