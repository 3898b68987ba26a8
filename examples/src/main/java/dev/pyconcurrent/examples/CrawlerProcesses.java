package dev.pyconcurrent.examples;

import com.sun.net.httpserver.HttpServer;
import dev.pyconcurrent.futures.Future;
import dev.pyconcurrent.futures.ProcessPoolExecutor;
import dev.pyconcurrent.multiprocessing.AsyncResult;
import dev.pyconcurrent.multiprocessing.Pool;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * F4, process side: the crawler shape on {@code ProcessPoolExecutor(3)} and on {@code Pool(3)}.
 * The worker processes fetch pages from a small HTTP server on 127.0.0.1 that the parent starts
 * (each page answers after a short delay, like a real site); a done-callback, run in the parent,
 * parses each page's title and appends it to a file.
 *
 * <pre>
 * from concurrent.futures import ProcessPoolExecutor
 * from multiprocessing import Pool
 * import re, urllib.request
 *
 * def fetch(url):
 *     with urllib.request.urlopen(url) as response:
 *         return response.read().decode()
 *
 * def save_title(page):
 *     title = re.search(r"&lt;title&gt;(.*?)&lt;/title&gt;", page).group(1)
 *     with open("titles.txt", "a") as f:
 *         f.write(title + "\n")
 *
 * if __name__ == "__main__":
 *     with ProcessPoolExecutor(3) as pool:
 *         for url in urls:
 *             pool.submit(fetch, url).add_done_callback(lambda f: save_title(f.result()))
 *     with Pool(3) as pool:
 *         for url in urls:
 *             pool.apply_async(fetch, (url,), callback=save_title)
 *         pool.close()
 *         pool.join()
 * </pre>
 */
public final class CrawlerProcesses {
    private CrawlerProcesses() {
    }

    private static final Pattern TITLE = Pattern.compile("<title>(.*?)</title>");

    /** Python's {@code urllib.request.urlopen(url).read().decode()}; runs in a worker process. */
    static String fetch(String url) {
        try (InputStream in = URI.create(url).toURL().openStream()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Python's {@code save_title}: runs in the parent; callbacks of one pool may run concurrently. */
    static synchronized void saveTitle(String page, Path file) {
        Matcher m = TITLE.matcher(page);
        String title = m.find() ? m.group(1) : "(no title)";
        try {
            Files.writeString(file, title + "\n", StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A local site: {@code /page/N} answers {@code <title>Page N</title>} after {@code delayMillis}. */
    static HttpServer startSite(int delayMillis) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/page/", exchange -> {
            try {
                Thread.sleep(delayMillis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            String n = exchange.getRequestURI().getPath().substring("/page/".length());
            byte[] body = ("<html><head><title>Page " + n + "</title></head><body>page " + n + "</body></html>")
                    .getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.setExecutor(java.util.concurrent.Executors.newFixedThreadPool(4, r -> {
            Thread t = new Thread(r, "site");
            t.setDaemon(true);
            return t;
        }));
        server.start();
        return server;
    }

    /**
     * Crawls {@code pages} pages with each pool, appending the titles to {@code titlesFile}.
     *
     * @param pages number of pages
     * @param delayMillis how long each page takes to answer
     * @param titlesFile where the callbacks append titles
     * @param out where progress is printed
     * @return the lines of {@code titlesFile} afterwards
     * @throws IOException if the server cannot start or the file cannot be read
     */
    static List<String> run(int pages, int delayMillis, Path titlesFile, PrintStream out) throws IOException {
        HttpServer site = startSite(delayMillis);
        try {
            String base = "http://127.0.0.1:" + site.getAddress().getPort() + "/page/";
            List<String> urls = new ArrayList<>();
            for (int i = 0; i < pages; i++) {
                urls.add(base + i);
            }
            long start = System.nanoTime();
            try (ProcessPoolExecutor pool = new ProcessPoolExecutor(3)) {
                for (String url : urls) {
                    Future<String> f = pool.submit(() -> fetch(url));
                    f.addDoneCallback(done -> saveTitle(done.result(), titlesFile));
                }
            }
            out.printf("ProcessPoolExecutor(3): %d pages in %.2f s%n", pages, (System.nanoTime() - start) / 1e9);
            start = System.nanoTime();
            Pool pool = new Pool(3);
            List<AsyncResult<String>> results = new ArrayList<>();
            for (String url : urls) {
                results.add(pool.applyAsync(() -> fetch(url), page -> saveTitle(page, titlesFile)));
            }
            pool.close();
            pool.join();
            out.printf("Pool(3): %d pages in %.2f s%n", pages, (System.nanoTime() - start) / 1e9);
        } finally {
            site.stop(0);
        }
        List<String> titles = Files.readAllLines(titlesFile, StandardCharsets.UTF_8);
        out.println(titles.size() + " titles in " + titlesFile);
        return titles;
    }

    /**
     * Twelve pages, 300 ms each, titles in {@code titles.txt} in a temporary directory.
     *
     * @param args ignored
     * @throws IOException if the site or the file fails
     */
    public static void main(String[] args) throws IOException {
        Path file = Files.createTempDirectory("crawler").resolve("titles.txt");
        run(12, 300, file, System.out);
    }
}
