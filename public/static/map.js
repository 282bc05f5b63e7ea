// Piazza's maps. Leaflet (served by Piazza, like everything else) draws the features
// of a GeoJSON address as markers, gathered in clusters, on the tiles the deployment
// names in `data-tiles` (none: markers on a plain background, which is what a map
// shows when tiles cannot be reached). Every map stands beside a list of the same
// places, which is the equal way for keyboards, screen readers and pages without
// JavaScript; the map adds where they are. Leaflet is loaded only by pages with a
// map, and maps that appear later (a page reached by an in-page link) are drawn when
// they do.
(function () {
  'use strict';

  function popup(feature) {
    var box = document.createElement('div');
    var link = document.createElement('a');
    link.href = feature.properties.url;
    link.textContent = feature.properties.name;
    box.appendChild(link);
    if (feature.properties.address) {
      var where = document.createElement('p');
      where.className = 'mb-0';
      where.textContent = feature.properties.address;
      box.appendChild(where);
    }
    return box;
  }

  function draw(el) {
    if (el.dataset.drawn || !el.isConnected) return;
    el.dataset.drawn = 'true';
    var map = L.map(el, { scrollWheelZoom: false, keyboard: true, maxZoom: 19, fadeAnimation: false, zoomControl: false });
    // The zoom buttons' names come from the page, in its language.
    L.control.zoom({ zoomInTitle: el.dataset.zoomIn, zoomOutTitle: el.dataset.zoomOut }).addTo(map);
    if (el.dataset.tiles) {
      L.tileLayer(el.dataset.tiles, { attribution: el.dataset.attribution || '', maxZoom: 19 }).addTo(map);
    }
    var group = L.markerClusterGroup ? L.markerClusterGroup({ showCoverageOnHover: false, disableClusteringAtZoom: 15 }) : L.featureGroup();
    fetch(el.dataset.geojson, { headers: { Accept: 'application/geo+json' } })
      .then(function (res) { return res.json(); })
      .then(function (data) {
        var markers = L.geoJSON(data, {
          pointToLayer: function (feature, at) {
            var name = feature.properties.name;
            return L.marker(at, { title: name, alt: name, keyboard: true });
          },
          onEachFeature: function (feature, layer) { layer.bindPopup(popup(feature)); }
        });
        var count = data.features.length;
        // The view first: clusters are made for a zoom.
        if (count > 0) {
          map.fitBounds(markers.getBounds(), { padding: [32, 32], maxZoom: 16 });
        } else {
          map.setView([42.5, 12.5], 5);
        }
        markers.eachLayer(function (layer) { group.addLayer(layer); });
        map.addLayer(group);
        el.dataset.markers = String(count);
      })
      .catch(function (e) { el.dataset.markers = 'error'; el.dataset.error = String(e); });
  }

  // Leaflet, then its clusters, loaded once and in that order, when a page has a map.
  var loading = null;
  function leaflet() {
    if (!loading) {
      loading = ['/vendor/leaflet/leaflet.js', '/vendor/leaflet.markercluster/leaflet.markercluster.js']
        .reduce(function (before, src) {
          return before.then(function () {
            return new Promise(function (done, fail) {
              var script = document.createElement('script');
              script.src = src;
              script.onload = done;
              script.onerror = fail;
              document.head.appendChild(script);
            });
          });
        }, Promise.resolve());
    }
    return loading;
  }

  function scan() {
    var maps = document.querySelectorAll('[data-piazza-map]:not([data-drawn])');
    if (maps.length > 0) {
      leaflet().then(function () { maps.forEach(draw); });
    }
  }

  new MutationObserver(scan).observe(document.documentElement, { childList: true, subtree: true });
  scan();
})();
