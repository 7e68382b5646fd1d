import Hls, { type FragmentLoaderConstructor, type FragmentLoaderContext, type HlsConfig, type Loader, type LoaderCallbacks, type LoaderConfiguration, type LoaderContext } from "hls.js";
import type { SwarmSource } from "./swarm-source";

// hls.js's fragment loader with the swarm in front: a media segment is asked of the group mates first and handed to
// hls.js only after its SHA-256 matched; otherwise (designated fetcher, no mate had it, buffer low) hls.js's own
// loader fetches it from the CDN, and the copy is kept to serve to mates.

type LoaderClass = new (config: HlsConfig) => Loader<LoaderContext>;

export function swarmFragmentLoader(swarm: SwarmSource): FragmentLoaderConstructor {
  const CdnLoader = Hls.DefaultConfig.loader as LoaderClass;
  // hls.js types its fragment loaders by their context; this one handles every context the default loader does.
  return class SwarmFragmentLoader extends CdnLoader {
    private given = false;
    private cancelled = false;

    override load(context: LoaderContext, config: LoaderConfiguration, callbacks: LoaderCallbacks<LoaderContext>): void {
      const frag = (context as FragmentLoaderContext).frag;
      const sequence = frag && typeof frag.sn === "number" ? frag.sn : null;
      // Byte-range parts of a segment are not what peers hold (hls.js sets rangeEnd 0 for a whole segment).
      if (sequence === null || (context.rangeEnd ?? 0) > 0) {
        super.load(context, config, callbacks);
        return;
      }
      const started = performance.now();
      void swarm.fromPeers(sequence).catch(() => null).then((bytes) => {
        if (this.given || this.cancelled) return;
        if (bytes) {
          const stats = this.stats;
          stats.loading.start = started;
          stats.loading.first = stats.loading.end = performance.now();
          stats.loaded = stats.total = bytes.byteLength;
          this.given = true;
          callbacks.onSuccess({ url: context.url, data: bytes }, stats, context, null);
          return;
        }
        super.load(context, config, {
          ...callbacks,
          onSuccess: (response, stats, ctx, details) => {
            if (response.data instanceof ArrayBuffer) void swarm.fromCdn(sequence, response.data.slice(0));
            callbacks.onSuccess(response, stats, ctx, details);
          },
        });
      });
    }

    override abort(): void {
      this.cancelled = true;
      super.abort();
    }

    override destroy(): void {
      this.cancelled = true;
      super.destroy();
    }
  } as unknown as FragmentLoaderConstructor;
}
